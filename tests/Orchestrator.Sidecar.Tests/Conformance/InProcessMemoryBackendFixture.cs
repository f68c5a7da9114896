using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Sidecar.Tests.Conformance;

/// <summary>The conformance sidecar on the memory backend, its worker and client calling it in process (as <c>run</c> and <c>serve</c> do).</summary>
public sealed class InProcessMemoryBackendFixture : BackendFixture
{
    // The vendored memory backend keeps a message for an instance it no longer has and hands it out as a work item.
    internal override bool HandsOutWorkForMissingInstances => true;

    internal override bool InProcess => true;

    internal override SidecarOptions CreateOptions() => new() { Backend = SidecarBackends.Memory };
}
