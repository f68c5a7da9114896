using Orchestrator.Sidecar.Hardening;

namespace Orchestrator.Sidecar.Tests.Hosting;

/// <summary>The reflection the hardening relies on still finds the vendored server's members (fails on a package upgrade that drops them).</summary>
public sealed class HardeningGuardTests
{
    [Fact]
    public void EnsureAvailable_PinnedPackage_FindsPendingCompletionMaps() =>
        Should.NotThrow(PendingWorkItems.EnsureAvailable);
}
