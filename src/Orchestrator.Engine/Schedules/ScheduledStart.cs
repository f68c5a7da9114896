using System.Collections.Immutable;
using System.Text.Json;

namespace Orchestrator.Engine.Schedules;

/// <summary>The input of <see cref="StartScheduledRunActivity"/>: the run a fire or trigger starts.</summary>
public sealed record ScheduledStart(string Workflow, string RunId, JsonElement? Input, ImmutableDictionary<string, JsonElement> Config, bool AutoApprove);
