namespace Orchestrator.Server.Tests.Infrastructure;

/// <summary>The tests sharing one real server.</summary>
[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}
