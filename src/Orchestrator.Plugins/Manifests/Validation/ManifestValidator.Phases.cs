using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestrator.Documents.Nodes;
using Orchestrator.Documents.Problems;
using Orchestrator.Documents.Reading;

namespace Orchestrator.Plugins.Manifests.Validation;

/// <summary>The <c>phases</c> list: each phase's fields, unique names, and the order/parallel rule.</summary>
internal sealed partial class ManifestValidator
{
    private ImmutableArray<PhaseManifest> Phases(MappingReader r)
    {
        if (r.Sequence("phases", required: true) is not { } sequence)
        {
            return [];
        }

        if (sequence.Items.Count == 0)
        {
            problems.Error("phases", sequence.Line, "must list at least one phase");
            return [];
        }

        var phases = new List<(PhaseManifest Phase, int Index, int Line)>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var path = FieldPath.Index("phases", i);
            if (sequence.Items[i] is not MappingNode mapping)
            {
                problems.Error(path, sequence.Items[i].Line, $"expected a mapping with name and order, got {sequence.Items[i].Describe()}");
                continue;
            }

            var phase = Phase(new MappingReader(mapping, path, problems));

            if (phase.Name.Length > 0 && !names.TryAdd(phase.Name, i))
            {
                var line = mapping.TryGetValue("name", out var nameNode) ? nameNode.Line : mapping.Line;
                problems.Error(FieldPath.Child(path, "name"), line, $"phase name '{phase.Name}' is already used by phases[{names[phase.Name]}]; phase names must be unique");
            }

            phases.Add((phase, i, mapping.TryGetValue("order", out var orderNode) ? orderNode.Line : mapping.Line));
        }

        CheckSharedOrders(phases);
        return [.. phases.OrderBy(p => p.Phase.Order).ThenBy(p => p.Index).Select(p => p.Phase)];
    }

    private void CheckSharedOrders(List<(PhaseManifest Phase, int Index, int Line)> phases)
    {
        foreach (var group in phases.Where(p => p.Phase.Order > 0).GroupBy(p => p.Phase.Order).Where(g => g.Count() > 1))
        {
            var members = Listing.Of(group.Select(p => $"phases[{p.Index}]").ToList());
            foreach (var (phase, index, line) in group.Where(p => !p.Phase.Parallel))
            {
                problems.Error(
                    FieldPath.Child(FieldPath.Index("phases", index), "order"),
                    line,
                    $"order {phase.Order} is shared by {members}; phases sharing an order must all set parallel: true");
            }
        }
    }

    /// <summary>One phase; broken fields are reported and replaced by defaults so that checking can go on.</summary>
    private PhaseManifest Phase(MappingReader r)
    {
        var name = r.String("name", required: true);
        if (name is { } n && !PhaseNamePattern().IsMatch(n.Value))
        {
            r.Invalid("name", n.Node, $"'{n.Value}' is not a valid phase name; use lowercase letters, digits, '-' and '_', starting with a letter");
        }

        var order = r.Integer("order", required: true);
        if (order is { Value: < 1 } o)
        {
            r.Invalid("order", o.Node, $"order must be 1 or more, got {o.Value}");
        }
        else if (order is { Value: > int.MaxValue } big)
        {
            r.Invalid("order", big.Node, $"order {big.Value} is too large");
        }

        var retryable = r.Bool("retryable", false);
        var maxRetries = r.Integer("max_retries");
        if (maxRetries is { Value: < 0 or > 1000 } m)
        {
            r.Invalid("max_retries", m.Node, $"max_retries must be between 0 and 1000, got {m.Value}");
        }
        else if (maxRetries is { Value: > 0 } mr && !retryable)
        {
            r.Invalid("max_retries", mr.Node, $"max_retries is {mr.Value} but retryable is false; set retryable: true or max_retries: 0");
        }

        var timeout = Positive(r, "timeout");
        var retryInterval = Positive(r, "retry_interval");
        var phase = new PhaseManifest
        {
            Name = name?.Value ?? string.Empty,
            Description = r.String("description")?.Value,
            Order = order is { Value: >= 1 and <= int.MaxValue } ok ? (int)ok.Value : 0,
            Required = r.Bool("required", true),
            Parallel = r.Bool("parallel", false),
            EstimatedTime = r.Duration("estimated_time")?.Value,
            Timeout = timeout,
            Retryable = retryable,
            MaxRetries = maxRetries is { Value: >= 0 and <= 1000 } retries ? (int)retries.Value : 0,
            RetryInterval = retryInterval ?? PhaseManifest.DefaultRetryInterval,
            InputSchema = r.Schema("input_schema"),
            OutputSchema = r.Schema("output_schema"),
            ConfigOverrides = r.Map("config_overrides") is { } overrides
                ? NodeJson.ToDictionary(overrides, r.PathOf("config_overrides"), problems)
                : ImmutableDictionary<string, JsonElement>.Empty,
            Approval = r.Bool("approval", false),
        };
        r.WarnUnknownKeys();
        return phase;
    }

    private static TimeSpan? Positive(MappingReader r, string key)
    {
        if (r.Duration(key) is not { } duration)
        {
            return null;
        }

        if (duration.Value > TimeSpan.Zero)
        {
            return duration.Value;
        }

        r.Invalid(key, duration.Node, $"{key} must be longer than zero");
        return null;
    }

    [GeneratedRegex("^[a-z][a-z0-9-_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PhaseNamePattern();
}
