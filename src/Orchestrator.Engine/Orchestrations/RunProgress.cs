using System.Collections.Immutable;
using Orchestrator.Abstractions.Context;
using Orchestrator.Engine.Payloads;

namespace Orchestrator.Engine.Orchestrations;

/// <summary>
/// The compact progress a run publishes as custom status after every phase. It is kept within
/// <see cref="MaxCharacters"/> of JSON: Azure Storage keeps a custom status in one table property (at most 32K
/// characters) and drops a larger one without an error, leaving the instance row stale.
/// </summary>
public sealed record RunProgress
{
    /// <summary>The most JSON characters a published status has; what does not fit is left out and named in <see cref="Omitted"/>.</summary>
    public const int MaxCharacters = 24_000;

    /// <summary>The plugin (or workflow step plugin) running.</summary>
    public string? Plugin { get; init; }

    /// <summary>The phases running now, with their current attempt.</summary>
    public ImmutableArray<PhaseAttempt> Running { get; init; } = [];

    /// <summary>The phases finished, in the order they finished.</summary>
    public ImmutableArray<CompletedPhase> Completed { get; init; } = [];

    /// <summary>One line per failed attempt: <c>phase (attempt n): message</c>.</summary>
    public ImmutableArray<string> Errors { get; init; } = [];

    /// <summary>The approval phase waiting for an <c>approve</c> or <c>reject</c> event.</summary>
    public string? WaitingForApproval { get; init; }

    /// <summary>For a workflow with steps: the step running (1-based) and how many there are.</summary>
    public int? Step { get; init; }

    public int? Steps { get; init; }

    /// <summary>A one-line summary such as <c>running: draft (attempt 2/4)</c> or <c>waiting for approval: outline</c>.</summary>
    public string Summary { get; init; } = "starting";

    /// <summary>
    /// The shared data so far (on a failed run, as it was when the run failed), when it fits in the status. As the run
    /// publishes it, it has no phase outputs and metadata: <see cref="Context"/> says where they are stored, and the run
    /// service reads them back into it (docs/running-workflows.md#large-outputs-and-limits).
    /// </summary>
    public SharedData? SharedData { get; init; }

    /// <summary>Where the phase outputs and metadata of <see cref="SharedData"/> are stored in the run's workspace; only in the published status, never in a run record.</summary>
    public PhaseContextInput? Context { get; init; }

    /// <summary>The artifacts produced so far, when they fit in the status.</summary>
    public ImmutableArray<string> Artifacts { get; init; } = [];

    /// <summary>What was left out to keep the status within <see cref="MaxCharacters"/>, and where to find it; null when nothing was.</summary>
    public string? Omitted { get; init; }

    /// <summary>Only on a failed run whose shared data did not fit in the status: the file in the workspace it was saved to.</summary>
    public string? SharedDataFile { get; init; }
}
