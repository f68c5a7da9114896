namespace Orchestrator.Server.Tests.OpenApi;

/// <summary>The tests that check the document a real <c>orchestrator serve</c> serves, and clients made from it.</summary>
[CollectionDefinition(Name)]
public sealed class ServeCollection : ICollectionFixture<ServeFixture>
{
    public const string Name = "orchestrator serve";
}
