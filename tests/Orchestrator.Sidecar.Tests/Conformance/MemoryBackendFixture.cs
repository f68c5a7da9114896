using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Sidecar.Tests.Conformance;

/// <summary>The conformance sidecar on the memory backend.</summary>
public sealed class MemoryBackendFixture : BackendFixture
{
    // The vendored memory backend keeps a message for an instance it no longer has and hands it out as a work item.
    internal override bool HandsOutWorkForMissingInstances => true;

    internal override SidecarOptions CreateOptions() => new() { Backend = SidecarBackends.Memory };
}
