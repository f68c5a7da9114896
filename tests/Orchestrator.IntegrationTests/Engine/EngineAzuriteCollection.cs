
namespace Orchestrator.IntegrationTests.Engine;

/// <summary>One Azurite for this assembly's durability tests.</summary>
[CollectionDefinition(Name)]
public sealed class EngineAzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Engine Azurite";
}
