using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Sidecar.Tests.Conformance;

/// <summary>The conformance sidecar on the memory backend.</summary>
public sealed class MemoryBackendFixture : BackendFixture
{
    internal override SidecarOptions CreateOptions() => new() { Backend = SidecarBackends.Memory };
}
