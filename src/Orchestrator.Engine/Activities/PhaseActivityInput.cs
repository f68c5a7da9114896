using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Engine.Payloads;
using Orchestrator.Plugins.Execution;

namespace Orchestrator.Engine.Activities;

/// <summary>One phase attempt as sent to the worker.</summary>
public sealed record PhaseActivityInput
{
    /// <summary>
    /// The run: not sent, as it is the id of the orchestration that schedules the attempt, which the activity reads from
    /// its context (every attempt's input is in the run's history, and is sent again in every episode).
    /// </summary>
    [JsonIgnore]
    public string RunId { get; init; } = string.Empty;

    public required PluginIdentity Plugin { get; init; }

    public required string Phase { get; init; }

    public int Attempt { get; init; } = 1;

    public JsonElement? Input { get; init; }

    /// <summary>
    /// A workflow step's input defaults, when its input is a reference to a value stored in the workspace: the
    /// orchestrator cannot read the value to merge them, so the activity does (docs/running-workflows.md#large-outputs-and-limits).
    /// </summary>
    public JsonElement? InputDefaults { get; init; }

    public ImmutableDictionary<string, JsonElement> Config { get; init; } = ImmutableDictionary<string, JsonElement>.Empty;

    /// <summary>Where the phase finds the run's shared data: a reference into the workspace, not a copy of it.</summary>
    public PhaseContextInput Context { get; init; } = PhaseContextInput.Empty;

    public required string WorkingDirectory { get; init; }

    /// <summary>The run span (a W3C <c>traceparent</c>) the attempt's span is a child of (docs/observability.md#traces).</summary>
    public string? TraceParent { get; init; }
}
