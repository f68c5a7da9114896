using System.Text.RegularExpressions;
using Orchestrator.Documents.Reading;

namespace Orchestrator.Plugins.Manifests.Validation;

/// <summary>The nested <c>output_spec</c> and <c>resource_spec</c> objects.</summary>
internal sealed partial class ManifestValidator
{
    private OutputSpec? OutputSpec(MappingReader r)
    {
        if (r.Map("output_spec") is not { } map)
        {
            return null;
        }

        var o = new MappingReader(map, "output_spec", problems);
        var spec = new OutputSpec
        {
            PrimaryOutput = o.String("primary_output")?.Value,
            SecondaryOutputs = o.StringList("secondary_outputs"),
            FilePatterns = o.StringMap("file_patterns"),
            Descriptions = o.StringMap("descriptions"),
        };
        o.WarnUnknownKeys();
        return spec;
    }

    private ResourceSpec? ResourceSpec(MappingReader r)
    {
        if (r.Map("resource_spec") is not { } map)
        {
            return null;
        }

        var s = new MappingReader(map, "resource_spec", problems);
        var minMemory = s.Size("min_memory");
        var maxMemory = s.Size("max_memory");
        if (minMemory is { } min && maxMemory is { } max && min.Value > max.Value)
        {
            s.Invalid("min_memory", min.Node, $"min_memory ({min.Value} bytes) is larger than max_memory ({max.Value} bytes)");
        }

        var cpuShares = s.Integer("cpu_shares");
        if (cpuShares is { Value: < 1 or > int.MaxValue } cpu)
        {
            s.Invalid("cpu_shares", cpu.Node, $"cpu_shares must be a positive whole number, got {cpu.Value}");
        }

        static string? EnvName(string name) =>
            EnvironmentVariablePattern().IsMatch(name) ? null : $"'{name}' is not an environment variable name; use letters, digits and '_', not starting with a digit";
        var spec = new ResourceSpec
        {
            MinMemory = minMemory?.Value,
            MaxMemory = maxMemory?.Value,
            CpuShares = cpuShares is { Value: >= 1 and <= int.MaxValue } ok ? (int)ok.Value : null,
            NetworkRequired = s.Bool("network_required", false),
            StorageRequired = s.Bool("storage_required", false),
            ApiKeys = s.StringList("api_keys", EnvName),
            EnvironmentVars = s.StringList("environment_vars", EnvName),
            Permissions = s.StringList("permissions", KnownPermissions.Check),
            RateLimits = s.StringMap("rate_limits", anyScalar: true),
        };
        s.WarnUnknownKeys();
        return spec;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvironmentVariablePattern();
}
