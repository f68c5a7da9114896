using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Orchestrator.Documents.Nodes;
using Orchestrator.Documents.Problems;
using Orchestrator.Documents.Reading;
using Semver;

namespace Orchestrator.Plugins.Manifests.Validation;

/// <summary>
/// Applies every rule of docs/manifest.md to a parsed manifest tree, reporting all problems at once.
/// Builds the <see cref="PluginManifest"/> only when no rule failed.
/// </summary>
/// <param name="problems">Where problems go.</param>
/// <param name="pluginDirectory">The resolved plugin directory; null when validating text alone (no file checks).</param>
internal sealed partial class ManifestValidator(ProblemCollector problems, string? pluginDirectory)
{
    public PluginManifest? Validate(DocumentNode root, string manifestPath, CancellationToken cancellationToken)
    {
        if (root is not MappingNode mapping)
        {
            problems.Error(string.Empty, root.Line, $"a manifest must be a mapping of fields (name, version, phases, ...), got {root.Describe()}");
            return null;
        }

        var r = new MappingReader(mapping, string.Empty, problems);
        var name = r.String("name", required: true);
        if (name is { } n && !NamePattern().IsMatch(n.Value))
        {
            r.Invalid("name", n.Node, $"'{n.Value}' is not a valid plugin name; use lowercase letters, digits and '-', starting with a letter, at most 63 characters");
            name = null;
        }

        var version = Version(r, "version", required: true);
        var type = PluginTypeField(r);
        var minVersion = Version(r, "min_version");
        var maxVersion = Version(r, "max_version");
        if (minVersion is not null && maxVersion is not null && minVersion.ComparePrecedenceTo(maxVersion) > 0)
        {
            problems.Error("min_version", r.Get("min_version")!.Line, $"min_version {minVersion} is greater than max_version {maxVersion}");
        }

        var dependencies = Dependencies(r, name);
        var domains = r.StringList("domains", d => DomainPattern().IsMatch(d) ? null : $"'{d}' is not a valid domain; use lowercase letters, digits and '-', starting with a letter", required: true);
        if (domains.IsEmpty && r.Get("domains") is SequenceNode { Items.Count: 0 } emptyDomains)
        {
            problems.Error("domains", emptyDomains.Line, "must list at least one domain (for example fiction, code or docs)");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var phases = Phases(r);
        var binary = r.Bool("binary", false);
        var entryPoint = EntryPoint(r, type, binary);
        var prompts = Prompts(r, phases);
        var (configSchema, defaultConfig) = Config(r);
        cancellationToken.ThrowIfCancellationRequested();

        var manifest = new PluginManifest
        {
            Name = name?.Value ?? string.Empty,
            Version = version ?? new SemVersion(0, 0, 0),
            Type = type ?? PluginType.Builtin,
            Description = r.String("description")?.Value,
            Author = r.String("author")?.Value,
            License = r.String("license")?.Value,
            Homepage = r.String("homepage")?.Value,
            Repository = r.String("repository")?.Value,
            Language = r.String("language")?.Value,
            Tags = r.StringList("tags"),
            Created = Timestamp(r, "created"),
            Updated = Timestamp(r, "updated"),
            MinVersion = minVersion,
            MaxVersion = maxVersion,
            Dependencies = dependencies,
            Domains = domains,
            Phases = phases,
            Prompts = prompts,
            OutputSpec = OutputSpec(r),
            ResourceSpec = ResourceSpec(r),
            ConfigSchema = configSchema,
            DefaultConfig = defaultConfig,
            RequiredConfig = r.StringList("required_config"),
            EntryPoint = entryPoint,
            Binary = binary,
            Directory = pluginDirectory ?? string.Empty,
            ManifestPath = manifestPath,
        };
        r.WarnUnknownKeys();
        return problems.HasErrors ? null : manifest;
    }

    private static SemVersion? Version(MappingReader r, string key, bool required = false)
    {
        if (r.Get(key, required) is not { } node)
        {
            return null;
        }

        if (node is ScalarNode { Kind: ScalarKind.String } scalar && SemVersion.TryParse(scalar.Value, SemVersionStyles.Strict, out var version))
        {
            return version;
        }

        var got = node is ScalarNode { Kind: ScalarKind.String } text ? $"'{text.Value}'" : node.Describe();
        r.Invalid(key, node, $"{got} is not a SemVer 2.0 version; write MAJOR.MINOR.PATCH such as 1.2.0 (quote it in YAML if needed)");
        return null;
    }

    private static PluginType? PluginTypeField(MappingReader r)
    {
        if (r.String("type", required: true) is not { } type)
        {
            return null;
        }

        switch (type.Value)
        {
            case "builtin":
                return PluginType.Builtin;
            case "external":
                return PluginType.External;
            default:
                r.Invalid("type", type.Node, $"'{type.Value}' is not a plugin type; use builtin or external");
                return null;
        }
    }

    private static DateTimeOffset? Timestamp(MappingReader r, string key)
    {
        if (r.String(key) is not { } text)
        {
            return null;
        }

        if (TimestampPattern().IsMatch(text.Value) &&
            DateTimeOffset.TryParse(text.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        r.Invalid(key, text.Node, $"'{text.Value}' is not an ISO 8601 timestamp such as 2025-01-31 or 2025-01-31T09:30:00Z");
        return null;
    }

    private ImmutableArray<PluginDependency> Dependencies(MappingReader r, (string Value, DocumentNode Node)? self)
    {
        var result = ImmutableArray.CreateBuilder<PluginDependency>();
        if (r.Sequence("dependencies") is not { } sequence)
        {
            return result.ToImmutable();
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var path = FieldPath.Index("dependencies", i);
            var line = sequence.Items[i].Line;
            if (sequence.Items[i] is not ScalarNode { Kind: ScalarKind.String, Value: var text })
            {
                problems.Error(path, line, $"expected a string (name or name@range), got {sequence.Items[i].Describe()}");
                continue;
            }

            var at = text.IndexOf('@', StringComparison.Ordinal);
            var name = at < 0 ? text : text[..at];
            var rangeText = at < 0 ? "*" : text[(at + 1)..].Trim();
            if (!NamePattern().IsMatch(name))
            {
                problems.Error(path, line, $"'{name}' is not a valid plugin name; write name or name@range, e.g. ai-client@^1.2");
            }
            else if (rangeText.Length == 0 || !SemVersionRange.TryParseNpm(rangeText, out var range))
            {
                problems.Error(path, line, $"'{rangeText}' is not a valid version range; use an npm-style range such as ^1.2, ~1.4.0, >=1.0.0 <2.0.0");
            }
            else if (name == self?.Value)
            {
                problems.Error(path, line, "a plugin cannot depend on itself");
            }
            else if (!names.Add(name))
            {
                problems.Error(path, line, $"'{name}' is listed more than once");
            }
            else
            {
                result.Add(new PluginDependency(name, range, rangeText));
            }
        }

        return result.ToImmutable();
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex DomainPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}(:?\d{2})?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampPattern();
}
