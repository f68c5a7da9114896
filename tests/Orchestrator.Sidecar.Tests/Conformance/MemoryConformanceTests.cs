namespace Orchestrator.Sidecar.Tests.Conformance;

/// <summary>The conformance suite on the memory backend.</summary>
public sealed class MemoryConformanceTests(MemoryBackendFixture fixture) : SidecarConformanceTests(fixture), IClassFixture<MemoryBackendFixture>;
