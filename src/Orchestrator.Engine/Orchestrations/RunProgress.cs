using System.Collections.Immutable;
using Orchestrator.Abstractions.Context;

namespace Orchestrator.Engine.Orchestrations;

/// <summary>The compact progress a run publishes as custom status after every phase.</summary>
public sealed record RunProgress
{
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

    /// <summary>Only on a failed run (which has no output): the shared data as it was when the run failed.</summary>
    public SharedData? SharedData { get; init; }

    /// <summary>Only on a failed run: the artifacts produced before it failed.</summary>
    public ImmutableArray<string> Artifacts { get; init; } = [];
}
