using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Sidecar.Tests.Conformance;

/// <summary>The conformance sidecar on the sqlite backend, on a database file of its own.</summary>
public sealed class SqliteBackendFixture : BackendFixture
{
    private readonly TempDirectory _data = new("orch-conf-sqlite-");
    private int _databases;

    internal override SidecarOptions CreateOptions() => new()
    {
        Backend = SidecarBackends.Sqlite,
        DatabasePath = _data.Combine($"conformance{Interlocked.Increment(ref _databases)}.db"),
        VisibilityTimeout = TimeSpan.FromSeconds(30),
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
    }
}
