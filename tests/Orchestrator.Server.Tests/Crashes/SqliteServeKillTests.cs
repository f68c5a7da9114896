namespace Orchestrator.Server.Tests.Crashes;

/// <summary><see cref="ServeKillTests"/> on the sqlite backend (a database file in the test's directory).</summary>
public sealed class SqliteServeKillTests : ServeKillTests
{
    protected override IReadOnlyList<string> BackendArguments(TempDirectory root) => ["--backend", "sqlite"];

    // The database file through configuration, which every version of serve reads.
    protected override IReadOnlyDictionary<string, string> BackendEnvironment(TempDirectory root) =>
        new Dictionary<string, string> { ["ORCHESTRATOR_SIDECAR__DATABASEPATH"] = root.Combine("state", "orchestrator.db") };
}
