using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Abstractions;
using Orchestrator.Contracts.Plugins;
using Orchestrator.Plugins.Execution;

namespace Orchestrator.Cli.Commands.Plugins;

/// <summary>
/// What the previous <c>plugins reload</c> loaded, kept in <c>$XDG_STATE_HOME/orchestrator/loaded-plugins.json</c>
/// (default <c>~/.local/state/...</c>), so a one-shot CLI can say what changed since then.
/// </summary>
internal static class LoadedPluginsFile
{
    public static string PathFor(CliContext context)
    {
        var environment = context.Discovery.Environment;
        var state = environment.TryGetValue("XDG_STATE_HOME", out var value) && Path.IsPathFullyQualified(value)
            ? value
            : Path.Combine(context.Discovery.HomeDirectory, ".local", "state");
        return Path.Combine(state, "orchestrator", "loaded-plugins.json");
    }

    /// <summary>The identities recorded last time; empty when there is no readable record.</summary>
    public static ImmutableArray<PluginIdentity> Read(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            var identities = JsonSerializer.Deserialize<ImmutableArray<PluginVersion>>(text, OrchestratorJson.Options);
            return identities.IsDefault ? [] : [.. identities.Select(i => i.ToIdentity())];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            // No record (first reload) or an unreadable one: everything loaded now counts as added.
            return [];
        }
    }

    public static void Write(string path, IEnumerable<PluginIdentity> identities)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(identities.Select(PluginVersion.From).ToList(), OrchestratorJson.Options));
        File.Move(temporary, path, overwrite: true);
    }
}
