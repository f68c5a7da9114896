using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Engine.Tests.Infrastructure;

/// <summary>The sidecar settings of each backend a test runs on: memory, sqlite (a database in the test's directory), azure-storage (Azurite).</summary>
public static class TestBackends
{
    /// <summary>The backend names, for <c>[MemberData]</c>.</summary>
    public static TheoryData<string> All => [.. SidecarBackends.All];

    public static SidecarOptions Options(string backend, TempDirectory root, AzuriteFixture azurite, string taskHub) => backend switch
    {
        SidecarBackends.Sqlite => new SidecarOptions { Backend = backend, DatabasePath = root.Combine("state", "orchestrator.db"), PollingInterval = TimeSpan.FromMilliseconds(100) },
        SidecarBackends.AzureStorage => new SidecarOptions
        {
            Backend = backend,
            ConnectionString = azurite.ConnectionString,
            TaskHub = azurite.NewTaskHub(taskHub),
            PollingInterval = TimeSpan.FromMilliseconds(100),
        },
        _ => new SidecarOptions { Backend = SidecarBackends.Memory },
    };
}
