using System.Text;

namespace Orchestrator.Cli.Tests;

/// <summary>Writes real plugin directories for the CLI tests.</summary>
internal static class Manifests
{
    public static string Write(string parent, string name, string version = "1.0.0", string domain = "fiction", string[]? dependencies = null, string? minVersion = null)
    {
        var text = new StringBuilder();
        text.AppendLine($"name: {name}");
        text.AppendLine($"version: {version}");
        text.AppendLine($"description: The {name} plugin.");
        text.AppendLine("type: builtin");
        text.AppendLine($"domains: [{domain}]");
        if (minVersion is not null)
        {
            text.AppendLine($"min_version: {minVersion}");
        }

        if (dependencies is { Length: > 0 })
        {
            text.AppendLine("dependencies:");
            foreach (var dependency in dependencies)
            {
                text.AppendLine($"  - \"{dependency}\"");
            }
        }

        text.AppendLine("phases:");
        text.AppendLine("  - name: plan");
        text.AppendLine("    order: 1");
        text.AppendLine("    timeout: 1h30m");
        text.AppendLine("  - name: write");
        text.AppendLine("    order: 2");
        text.AppendLine("    approval: true");
        var directory = Path.Combine(parent, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "plugin.yaml"), text.ToString());
        return directory;
    }

    /// <summary>A manifest with errors on known lines: version (line 2) and phases[0].order (line 7).</summary>
    public static string WriteBroken(string parent, string directoryName = "broken")
    {
        var directory = Path.Combine(parent, directoryName);
        Directory.CreateDirectory(directory);
        File.WriteAllText(
            Path.Combine(directory, "plugin.yaml"),
            "name: broken\nversion: one\ntype: builtin\ndomains: [fiction]\nphases:\n  - name: only\n    order: 0\n");
        return directory;
    }
}
