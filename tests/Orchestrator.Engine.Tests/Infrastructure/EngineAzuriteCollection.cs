namespace Orchestrator.Engine.Tests.Infrastructure;

/// <summary>One Azurite for this assembly's runs on the azure-storage backend.</summary>
[CollectionDefinition(Name)]
public sealed class EngineAzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Engine Azurite";
}
