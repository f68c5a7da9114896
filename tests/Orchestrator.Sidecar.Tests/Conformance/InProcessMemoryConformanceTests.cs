namespace Orchestrator.Sidecar.Tests.Conformance;

/// <summary>The conformance suite on the memory backend through the in-process invoker (docs/sidecar.md#in-process-calls).</summary>
public sealed class InProcessMemoryConformanceTests(InProcessMemoryBackendFixture fixture) : SidecarConformanceTests(fixture), IClassFixture<InProcessMemoryBackendFixture>;
