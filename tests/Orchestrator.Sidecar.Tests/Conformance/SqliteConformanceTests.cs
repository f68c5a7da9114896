namespace Orchestrator.Sidecar.Tests.Conformance;

/// <summary>The conformance suite on the sqlite backend.</summary>
public sealed class SqliteConformanceTests(SqliteBackendFixture fixture) : SidecarConformanceTests(fixture), IClassFixture<SqliteBackendFixture>;
