using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Engine.Telemetry;
using Orchestrator.Plugins.Execution;

namespace Orchestrator.Engine.Orchestrations;

/// <summary>Everything a plugin run needs, fixed when it is scheduled.</summary>
public sealed record RunInput
{
    /// <summary>
    /// When the run was requested. Declared first so the run list reads it from the start of the stored input: the
    /// in-memory backend reports one creation time while a run is pending and another once it runs, which would
    /// shift runs across pages of the list.
    /// </summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>
    /// The run this one retries (docs/running-workflows.md#retry-a-failed-run); null for a first run. Declared second so
    /// that the run list reads it from the start of the stored input, like <see cref="CreatedAt"/>.
    /// </summary>
    public string? RetryOf { get; init; }

    /// <summary>The workflow the run was started from, or null for a plugin started directly.</summary>
    public string? Workflow { get; init; }

    /// <summary>The exact plugin version executed (name, version, content hash).</summary>
    public required PluginIdentity Plugin { get; init; }

    /// <summary>The effective run config (plugin defaults, workflow config, request config).</summary>
    public ImmutableDictionary<string, JsonElement> Config { get; init; } = ImmutableDictionary<string, JsonElement>.Empty;

    /// <summary>The run input; null when none was given.</summary>
    public JsonElement? Input { get; init; }

    /// <summary>A workflow step's own input defaults; the input handed to the step fills in over them.</summary>
    public JsonElement? InputDefaults { get; init; }

    /// <summary>The run's working directory.</summary>
    public required string Workspace { get; init; }

    /// <summary>The phases in manifest order.</summary>
    public ImmutableArray<PhasePlan> Phases { get; init; } = [];

    /// <summary>Approval phases go ahead without waiting for an <c>approve</c> event.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool AutoApprove { get; init; }

    /// <summary>The retention override of the workflow, if it has one.</summary>
    public TimeSpan? Retention { get; init; }

    /// <summary>The workflow run this run is a step of; null for a top-level run.</summary>
    public string? ParentRunId { get; init; }

    /// <summary>The extra wait beyond a phase timeout before the orchestrator gives an attempt up.</summary>
    public TimeSpan TimeoutMargin { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The backend's redelivery time (<see cref="EngineOptions.Redelivery"/>) when the run was scheduled: zero on the
    /// memory backend, which redelivers at once, and for a run scheduled before it was recorded (one backstop timer).
    /// </summary>
    public TimeSpan Redelivery { get; init; }

    /// <summary>On a retry: the phases done in the run retried, which this run does not execute again, and their shared data.</summary>
    public RetrySeed? Carried { get; init; }

    /// <summary>The run's trace, fixed when it was scheduled (docs/observability.md#traces); null for runs scheduled before runs carried one.</summary>
    public RunTrace? Trace { get; init; }
}
