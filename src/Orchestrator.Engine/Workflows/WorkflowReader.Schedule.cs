using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Documents.Nodes;
using Orchestrator.Documents.Problems;
using Orchestrator.Documents.Reading;
using Orchestrator.Engine.Schedules;

namespace Orchestrator.Engine.Workflows;

/// <summary>The <c>schedule:</c> field (docs/schedules.md#the-schedule-field).</summary>
public static partial class WorkflowReader
{
    private const string ScheduleKey = "schedule";

    private static ScheduleDefinition? Schedule(DocumentNode node, int steps, ProblemCollector problems)
    {
        if (node is ScalarNode { Kind: ScalarKind.String } scalar)
        {
            return Cron(scalar.Value, ScheduleKey, node, problems) ? new ScheduleDefinition { Cron = scalar.Value.Trim() } : null;
        }

        if (node is not MappingNode mapping)
        {
            problems.Error(ScheduleKey, node.Line, $"expected a cron expression (e.g. \"0 2 * * *\") or a mapping with cron, timezone, overlap, catchup, auto_approve, input and config, got {node.Describe()}");
            return null;
        }

        var s = new MappingReader(mapping, ScheduleKey, problems);
        var cron = s.String("cron", required: true);
        var valid = cron is { } c && Cron(c.Value, s.PathOf("cron"), c.Node, problems);
        var timezone = s.String("timezone");
        if (timezone is { } tz && !ScheduleCron.TryFindZone(tz.Value, out _, out var zoneProblem))
        {
            s.Invalid("timezone", tz.Node, zoneProblem);
        }

        var overlap = Choice(s, "overlap", ScheduleOverlap.Skip, "skip (default), allow or buffer_one");
        var catchup = Choice(s, "catchup", ScheduleCatchup.Latest, "latest (default) or none");
        var autoApprove = s.Bool("auto_approve", defaultValue: false);
        var input = s.Get("input") is { } inputNode ? NodeJson.ToElement(inputNode, s.PathOf("input"), problems) : (JsonElement?)null;
        var config = ImmutableDictionary<string, JsonElement>.Empty;
        if (s.Get("config") is { } configNode)
        {
            config = Config(configNode, s.PathOf("config"), problems);
            if (steps > 1)
            {
                s.Invalid("config", configNode, "a workflow with steps sets config per step (steps[i].config), not for its schedule");
            }
        }

        s.WarnUnknownKeys();
        return valid
            ? new ScheduleDefinition { Cron = cron!.Value.Value.Trim(), Timezone = timezone?.Value, Overlap = overlap, Catchup = catchup, AutoApprove = autoApprove, Input = input, Config = config }
            : null;
    }

    private static bool Cron(string text, string path, DocumentNode node, ProblemCollector problems)
    {
        if (ScheduleCron.TryParse(text, out _, out var problem))
        {
            return true;
        }

        problems.Error(path, node.Line, problem);
        return false;
    }

    private static T Choice<T>(MappingReader reader, string key, T defaultValue, string choices)
        where T : struct, Enum
    {
        if (reader.String(key) is not { } value)
        {
            return defaultValue;
        }

        // Enum.TryParse would take "1" or "BufferOne"; only the documented spellings are accepted.
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (JsonNamingPolicyName(candidate) == value.Value)
            {
                return candidate;
            }
        }

        reader.Invalid(key, value.Node, $"'{value.Value}' is not one of {choices}");
        return defaultValue;
    }

    private static string JsonNamingPolicyName<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
