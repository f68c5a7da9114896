using System.Collections.Immutable;
using Orchestrator.Abstractions.Context;

namespace Orchestrator.Engine.Orchestrations;

/// <summary>
/// What a retry takes over from the run it retries (docs/running-workflows.md#retry-a-failed-run): the phases before
/// its restart point, which it does not execute again, and the shared data they left.
/// </summary>
public sealed record RetrySeed
{
    /// <summary>The phases taken over, in the order they finished in the run retried, each naming that run.</summary>
    public ImmutableArray<CompletedPhase> Phases { get; init; } = [];

    /// <summary>Their phase outputs, errors and timings, and the run's metadata (see the docs section for what it holds).</summary>
    public SharedData SharedData { get; init; } = SharedData.Empty;

    /// <summary>The artifacts the run retried reported; its workspace files are copied into the retry's workspace.</summary>
    public ImmutableArray<string> Artifacts { get; init; } = [];
}
