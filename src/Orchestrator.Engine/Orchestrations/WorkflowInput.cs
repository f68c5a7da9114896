using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Engine.Telemetry;

namespace Orchestrator.Engine.Orchestrations;

/// <summary>A workflow with steps: each step is a plugin run, all pinned and validated when the workflow is scheduled.</summary>
public sealed record WorkflowInput
{
    /// <summary>
    /// When the workflow run was requested (see <see cref="RunInput.CreatedAt"/>). Declared first, like there.
    /// </summary>
    public DateTimeOffset? CreatedAt { get; init; }

    public required string Workflow { get; init; }

    /// <summary>The input of the first step; every later step gets the previous step's result.</summary>
    public JsonElement? Input { get; init; }

    /// <summary>The steps in order; their <see cref="RunInput.Input"/> is filled in when they start.</summary>
    public ImmutableArray<RunInput> Steps { get; init; } = [];

    public required string Workspace { get; init; }

    public TimeSpan? Retention { get; init; }

    /// <summary>The run's trace, fixed when it was scheduled (docs/observability.md#traces); null for runs scheduled before runs carried one.</summary>
    public RunTrace? Trace { get; init; }
}
