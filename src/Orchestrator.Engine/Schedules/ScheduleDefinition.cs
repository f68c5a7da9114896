using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Abstractions;

namespace Orchestrator.Engine.Schedules;

/// <summary>A workflow's <c>schedule:</c>: when its runs start and with what (docs/schedules.md#the-schedule-field).</summary>
public sealed record ScheduleDefinition
{
    /// <summary>A cron expression of 5 fields (minute first) or 6 (second first).</summary>
    public required string Cron { get; init; }

    /// <summary>The IANA time zone the cron expression is read in; UTC when null.</summary>
    public string? Timezone { get; init; }

    public ScheduleOverlap Overlap { get; init; } = ScheduleOverlap.Skip;

    public ScheduleCatchup Catchup { get; init; } = ScheduleCatchup.Latest;

    /// <summary>Approval phases of the scheduled runs go ahead without waiting for an approve event.</summary>
    public bool AutoApprove { get; init; }

    /// <summary>The input of every scheduled run (merged over the workflow's input like a start's).</summary>
    public JsonElement? Input { get; init; }

    /// <summary>The config of every scheduled run (like <c>--config</c> of a start).</summary>
    public ImmutableDictionary<string, JsonElement> Config { get; init; } = ImmutableDictionary<string, JsonElement>.Empty;

    /// <summary>The definition as JSON with its config keys in order: two definitions are the same when their texts are.</summary>
    public string Fingerprint() => JsonSerializer.Serialize(
        new { Cron, Timezone, Overlap, Catchup, AutoApprove, Input, Config = Config.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new { c.Key, c.Value }) },
        OrchestratorJson.Options);
}
