using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Orchestrator.Documents.Nodes;
using Orchestrator.Documents.Parsing;
using Orchestrator.Documents.Problems;
using Orchestrator.Documents.Reading;
using Semver;

namespace Orchestrator.Engine.Workflows;

/// <summary>
/// Reads and validates workflow files (YAML or JSON) with the document parser manifests use too (Orchestrator.Documents):
/// bounded size and depth, duplicate keys rejected, line numbers on every problem, all problems reported at once.
/// </summary>
public static partial class WorkflowReader
{
    /// <summary>Workflow files larger than this are rejected before parsing.</summary>
    public const long MaxWorkflowBytes = 256 * 1024;

    private const string DocumentKind = "workflow";

    /// <summary>Whether <paramref name="file"/> has a workflow file extension (.yaml, .yml, .json).</summary>
    public static bool IsWorkflowFile(string file) => DocumentParser.FormatOf(file) is not null;

    /// <summary>Reads one workflow file; never throws for bad content.</summary>
    public static WorkflowReadResult Read(string file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var problems = new ProblemCollector(file);
        if (DocumentParser.FormatOf(file) is not { } format)
        {
            problems.Error(string.Empty, null, "is not a workflow file; name it <name>.yaml, <name>.yml or <name>.json");
            return new WorkflowReadResult(null, problems.ToImmutable());
        }

        if (DocumentText.Read(file, MaxWorkflowBytes, DocumentKind, "a few hundred bytes", problems) is not { } text)
        {
            return new WorkflowReadResult(null, problems.ToImmutable());
        }

        return Parse(text, format, problems, Path.GetFullPath(file), cancellationToken);
    }

    /// <summary>Validates workflow text that has no file of its own.</summary>
    public static WorkflowReadResult Parse(string content, DocumentFormat format, string displayPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Parse(content, format, new ProblemCollector(displayPath), displayPath, cancellationToken);
    }

    private static WorkflowReadResult Parse(string text, DocumentFormat format, ProblemCollector problems, string file, CancellationToken cancellationToken)
    {
        if (DocumentParser.Parse(text, format, problems, DocumentKind, cancellationToken) is not { } root)
        {
            return new WorkflowReadResult(null, problems.ToImmutable());
        }

        var workflow = Validate(root, problems, file);
        return new WorkflowReadResult(problems.HasErrors ? null : workflow, problems.ToImmutable());
    }

    private static WorkflowDefinition? Validate(DocumentNode root, ProblemCollector problems, string file)
    {
        if (root is not MappingNode mapping)
        {
            problems.Error(string.Empty, root.Line, $"a workflow must be a mapping of fields (name, plugin or steps, ...), got {root.Describe()}");
            return null;
        }

        var r = new MappingReader(mapping, string.Empty, problems);
        var name = r.String("name", required: true);
        if (name is { } n && !NamePattern().IsMatch(n.Value))
        {
            r.Invalid("name", n.Node, $"'{n.Value}' is not a valid workflow name; use lowercase letters, digits and '-', starting with a letter, at most 63 characters");
        }

        var version = r.String("version");
        if (version is { } v && !SemVersion.TryParse(v.Value, SemVersionStyles.Strict, out _))
        {
            r.Invalid("version", v.Node, $"'{v.Value}' is not a semantic version such as 1.0.0");
        }

        var pluginNode = r.Get("plugin");
        var stepsNode = r.Get("steps");
        var configNode = r.Get("config");
        WorkflowStep? plugin = null;
        var steps = ImmutableArray<WorkflowStep>.Empty;
        if (pluginNode is null && stepsNode is null)
        {
            problems.Error(string.Empty, mapping.Line, "a workflow needs 'plugin' (one plugin) or 'steps' (plugins run in sequence)");
        }
        else if (pluginNode is not null && stepsNode is not null)
        {
            problems.Error("steps", stepsNode.Line, "give either 'plugin' or 'steps', not both");
        }
        else if (pluginNode is not null)
        {
            var config = configNode is null ? ImmutableDictionary<string, System.Text.Json.JsonElement>.Empty : Config(configNode, "config", problems);
            plugin = Reference(pluginNode, "plugin", config, problems);
        }
        else
        {
            if (configNode is not null)
            {
                problems.Error("config", configNode.Line, "a workflow with steps sets config per step (steps[i].config), not at the top level");
            }

            steps = Steps(stepsNode!, problems);
        }

        var input = r.Get("input") is { } inputNode ? NodeJson.ToElement(inputNode, "input", problems) : (System.Text.Json.JsonElement?)null;
        var inputSchema = r.Schema("input_schema");
        var retention = r.Duration("retention");
        if (retention is { } ret && ret.Value <= TimeSpan.Zero)
        {
            r.Invalid("retention", ret.Node, "must be longer than zero, for example 168h or P7D");
        }

        var description = r.String("description");
        var schedule = r.Get(ScheduleKey) is { } scheduleNode ? Schedule(scheduleNode, steps.Length, problems) : null;
        r.WarnUnknownKeys();
        return new WorkflowDefinition
        {
            Name = name?.Value ?? string.Empty,
            Description = description?.Value,
            Version = version?.Value,
            Plugin = plugin,
            Steps = steps,
            Input = input,
            InputSchema = inputSchema,
            Retention = retention?.Value,
            Schedule = schedule,
            File = file,
        };
    }

    private static ImmutableArray<WorkflowStep> Steps(DocumentNode node, ProblemCollector problems)
    {
        if (node is not SequenceNode sequence)
        {
            problems.Error("steps", node.Line, $"expected a list of steps (plugin names or mappings with plugin and config), got {node.Describe()}");
            return [];
        }

        if (sequence.Items.Count == 0)
        {
            problems.Error("steps", sequence.Line, "must list at least one step");
            return [];
        }

        var result = ImmutableArray.CreateBuilder<WorkflowStep>(sequence.Items.Count);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var path = $"steps[{i}]";
            var item = sequence.Items[i];
            WorkflowStep? step = null;
            if (item is MappingNode stepMapping)
            {
                var s = new MappingReader(stepMapping, path, problems);
                var config = s.Get("config") is { } c ? Config(c, $"{path}.config", problems) : ImmutableDictionary<string, System.Text.Json.JsonElement>.Empty;
                var stepInput = s.Get("input") is { } inputNode ? NodeJson.ToElement(inputNode, $"{path}.input", problems) : (System.Text.Json.JsonElement?)null;
                if (s.Get("plugin", required: true) is { } p)
                {
                    step = Reference(p, $"{path}.plugin", config, problems) is { } reference ? reference with { Input = stepInput } : null;
                }

                s.WarnUnknownKeys();
            }
            else
            {
                step = Reference(item, path, ImmutableDictionary<string, System.Text.Json.JsonElement>.Empty, problems);
            }

            if (step is not null)
            {
                result.Add(step);
            }
        }

        return result.ToImmutable();
    }

    private static ImmutableDictionary<string, System.Text.Json.JsonElement> Config(DocumentNode node, string path, ProblemCollector problems)
    {
        if (node is MappingNode mapping)
        {
            return NodeJson.ToDictionary(mapping, path, problems);
        }

        problems.Error(path, node.Line, $"expected a mapping of config keys to values, got {node.Describe()}");
        return ImmutableDictionary<string, System.Text.Json.JsonElement>.Empty;
    }

    private static WorkflowStep? Reference(DocumentNode node, string path, ImmutableDictionary<string, System.Text.Json.JsonElement> config, ProblemCollector problems)
    {
        if (node is not ScalarNode { Kind: ScalarKind.String, Value: var text })
        {
            problems.Error(path, node.Line, $"expected a plugin name or name@range (e.g. docs or docs@^1.0), got {node.Describe()}");
            return null;
        }

        var at = text.IndexOf('@', StringComparison.Ordinal);
        var plugin = at < 0 ? text : text[..at];
        var rangeText = at < 0 ? "*" : text[(at + 1)..].Trim();
        if (!NamePattern().IsMatch(plugin))
        {
            problems.Error(path, node.Line, $"'{plugin}' is not a valid plugin name; write name or name@range, e.g. docs@^1.0");
            return null;
        }

        if (rangeText.Length == 0 || !SemVersionRange.TryParseNpm(rangeText, out var range))
        {
            problems.Error(path, node.Line, $"'{rangeText}' is not a valid version range; use an npm-style range such as ^1.2, ~1.4.0, >=1.0.0 <2.0.0");
            return null;
        }

        return new WorkflowStep(plugin, range, rangeText, config, null);
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
