using System.Text;

namespace Orchestrator.Plugins.Tests.Discovery;

/// <summary>Writes real plugin directories with valid (or deliberately broken) manifests.</summary>
internal static class PluginFiles
{
    /// <summary>Writes <c>&lt;parent&gt;/&lt;directoryName ?? name&gt;/plugin.yaml</c> and returns the plugin directory.</summary>
    public static string Write(
        string parent,
        string name,
        string version = "1.0.0",
        string domain = "fiction",
        string type = "builtin",
        string[]? dependencies = null,
        string? minVersion = null,
        string? maxVersion = null,
        string? directoryName = null)
    {
        var directory = Path.Combine(parent, directoryName ?? name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "plugin.yaml"), Manifest(name, version, domain, type, dependencies, minVersion, maxVersion));
        if (type == "external")
        {
            var entry = Path.Combine(directory, "run.sh");
            File.WriteAllText(entry, "#!/bin/sh\necho '{}'\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(entry, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        return directory;
    }

    /// <summary>A valid manifest as YAML text.</summary>
    public static string Manifest(
        string name,
        string version = "1.0.0",
        string domain = "fiction",
        string type = "builtin",
        string[]? dependencies = null,
        string? minVersion = null,
        string? maxVersion = null)
    {
        var text = new StringBuilder();
        text.AppendLine($"name: {name}");
        text.AppendLine($"version: {version}");
        text.AppendLine($"description: Test plugin {name}.");
        text.AppendLine($"type: {type}");
        if (type == "external")
        {
            text.AppendLine("binary: true");
            text.AppendLine("entry_point: run.sh");
        }

        if (minVersion is not null)
        {
            text.AppendLine($"min_version: {minVersion}");
        }

        if (maxVersion is not null)
        {
            text.AppendLine($"max_version: {maxVersion}");
        }

        text.AppendLine($"domains: [{domain}]");
        if (dependencies is { Length: > 0 })
        {
            text.AppendLine("dependencies:");
            foreach (var dependency in dependencies)
            {
                text.AppendLine($"  - \"{dependency}\"");
            }
        }

        text.AppendLine("phases:");
        text.AppendLine("  - name: first");
        text.AppendLine("    order: 1");
        text.AppendLine("  - name: second");
        text.AppendLine("    order: 2");
        return text.ToString();
    }

    /// <summary>A manifest with two errors: a version that is not SemVer and a phase without an order.</summary>
    public static string WriteInvalid(string parent, string directoryName)
    {
        var directory = Path.Combine(parent, directoryName);
        Directory.CreateDirectory(directory);
        File.WriteAllText(
            Path.Combine(directory, "plugin.yaml"),
            """
            name: broken
            version: not-a-version
            type: builtin
            domains: [fiction]
            phases:
              - name: only
            """);
        return directory;
    }
}
