using Orchestrator.Sidecar.Configuration;
using Orchestrator.Sidecar.Tests.Infrastructure;

namespace Orchestrator.Sidecar.Tests.Conformance;

/// <summary>The conformance sidecar on the azure-storage backend, against the shared Azurite.</summary>
public sealed class AzureStorageBackendFixture(AzuriteFixture azurite) : BackendFixture
{
    internal override SidecarOptions CreateOptions() => new()
    {
        Backend = SidecarBackends.AzureStorage,
        ConnectionString = azurite.ConnectionString,
        TaskHub = azurite.NewTaskHub("conf"),
        Partitions = 2,
        PollingInterval = TimeSpan.FromMilliseconds(200),
        VisibilityTimeout = TimeSpan.FromSeconds(30),
    };
}
