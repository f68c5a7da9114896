namespace Orchestrator.Testing;

/// <summary>One Azurite for the test assembly's durability tests (<c>[Collection(AzuriteCollection.Name)]</c>).</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
