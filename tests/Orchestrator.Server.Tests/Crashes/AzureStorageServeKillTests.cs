namespace Orchestrator.Server.Tests.Crashes;

/// <summary><see cref="ServeKillTests"/> on the azure-storage backend against a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageServeKillTests(AzuriteFixture azurite) : ServeKillTests
{
    private readonly string _taskHub = azurite.NewTaskHub("kill");

    protected override IReadOnlyList<string> BackendArguments(TempDirectory root) =>
        ["--backend", "azure-storage", "--connection", azurite.ConnectionString, "--task-hub", _taskHub];
}
