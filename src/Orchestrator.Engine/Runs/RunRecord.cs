using System.Collections.Immutable;
using Orchestrator.Engine.Orchestrations;
using Orchestrator.Plugins.Execution;

namespace Orchestrator.Engine.Runs;

/// <summary>A run as clients see it: status, progress, and (once finished) its output or failure.</summary>
public sealed record RunRecord
{
    public required string RunId { get; init; }

    /// <summary>The orchestration: <c>orchestrator.run</c> for a plugin run, <c>orchestrator.workflow</c> for steps.</summary>
    public required string Kind { get; init; }

    public required RunStatus Status { get; init; }

    /// <summary>When the run was requested; the backend's own creation time for runs started before it was recorded.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>The workflow the run was started from (a workflow step's run names its workflow too); null for a run of a plugin.</summary>
    public string? Workflow { get; init; }

    /// <summary>
    /// The plugin version a plugin run (or a workflow's step run) is pinned to and executes to its end, whatever hot
    /// reload loads meanwhile (docs/writing-plugins.md#runs-in-flight); null for a workflow run, whose steps are runs of their own.
    /// </summary>
    public PluginIdentity? Plugin { get; init; }

    /// <summary>The latest published progress.</summary>
    public RunProgress? Progress { get; init; }

    /// <summary>The output of a completed run.</summary>
    public RunOutput? Output { get; init; }

    /// <summary>Why a failed run failed.</summary>
    public string? Failure { get; init; }

    /// <summary>The type of the error that failed the run (the backend's failure details), null unless it failed.</summary>
    public string? FailureType { get; init; }

    /// <summary>The run this one retries (docs/running-workflows.md#retry-a-failed-run); null for a first run.</summary>
    public string? RetryOf { get; init; }

    /// <summary>The retries of this run, oldest first; filled in on a failed or terminated run read by its id.</summary>
    public ImmutableArray<string> RetriedBy { get; init; } = [];

    /// <summary>True once the run can no longer change (completed, failed or terminated).</summary>
    public bool IsTerminal => Status is RunStatus.Completed or RunStatus.Failed or RunStatus.Terminated;
}
