using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Abstractions.Context;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Plugins.Code;
using Orchestrator.Plugins.Docs;
using Orchestrator.Plugins.Fiction;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.BuiltInPlugins.Tests;

/// <summary>
/// Runs a built-in plugin's phases in manifest order the way the engine does: effective config (defaults, run
/// config, phase overrides), the mapped prompt text, and shared data merged with SharedData.WithPhaseResult.
/// Phases sharing an order see the same snapshot, as parallel phases do.
/// </summary>
internal sealed class BuiltInRun(string plugin, string workingDirectory)
{
    public PluginManifest Manifest { get; } = ReadManifest(plugin);

    public SharedData Shared { get; private set; } = SharedData.Empty;

    public Dictionary<string, PhaseResult> Results { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, JsonElement> Config { get; } = new(StringComparer.Ordinal);

    /// <summary>Prompt text to use instead of the manifest's file, by phase.</summary>
    public Dictionary<string, string> Prompts { get; } = new(StringComparer.Ordinal);

    /// <summary>Phases to leave out, as when an optional phase failed.</summary>
    public HashSet<string> Skip { get; } = new(StringComparer.Ordinal);

    /// <summary>The plugin's phase provider, as the CLI registers it under the plugin's name.</summary>
    public static IPhaseProvider Provider(string plugin) => plugin switch
    {
        FictionPlugin.Name => new FictionPlugin(),
        CodePlugin.Name => new CodePlugin(),
        DocsPlugin.Name => new DocsPlugin(),
        _ => throw new ArgumentOutOfRangeException(nameof(plugin), plugin, "not a built-in plugin (fiction, code or docs)"),
    };

    public static PluginManifest ReadManifest(string plugin)
    {
        var directory = Path.Combine(RepoPaths.Root, "plugins", plugin);
        var file = ManifestReader.FileNames.Select(name => Path.Combine(directory, name)).Single(File.Exists);
        return ManifestReader.Read(file, TestContext.Current.CancellationToken).GetManifestOrThrow();
    }

    public BuiltInRun WithConfig(string key, object value)
    {
        Config[key] = JsonSerializer.SerializeToElement(value);
        return this;
    }

    public async Task RunAsync(object? input, string? stopAfter = null)
    {
        var phases = Provider(plugin).CreatePhases().ToDictionary(p => p.Name, StringComparer.Ordinal);
        var json = input is null ? default : JsonSerializer.SerializeToElement(input);
        foreach (var group in Manifest.Phases.GroupBy(p => p.Order))
        {
            var snapshot = Shared;
            foreach (var phase in group.Where(p => !Skip.Contains(p.Name)))
            {
                var result = await phases[phase.Name].ExecuteAsync(Request(phase, json, snapshot), TestContext.Current.CancellationToken);
                Results[phase.Name] = result;
                Shared = Shared.WithPhaseResult(phase.Name, result);
                foreach (var artifact in result.Artifacts)
                {
                    File.Exists(Path.Combine(workingDirectory, artifact)).ShouldBeTrue($"{phase.Name} reported artifact {artifact} that does not exist");
                }
            }

            if (group.Any(p => p.Name == stopAfter))
            {
                return;
            }
        }
    }

    public PhaseRequest Request(PhaseManifest phase, JsonElement input, SharedData shared)
    {
        var config = Manifest.DefaultConfig.SetItems(Config).SetItems(phase.ConfigOverrides);
        string? prompt = null;
        if (Prompts.TryGetValue(phase.Name, out var custom))
        {
            prompt = custom;
        }
        else if (Manifest.Prompts.TryGetValue(phase.Name, out var path))
        {
            prompt = File.ReadAllText(Path.Combine(Manifest.Directory, path));
        }

        return new PhaseRequest
        {
            RunId = "run-1",
            Plugin = Manifest.Name,
            PluginVersion = Manifest.Version.ToString(),
            Phase = phase.Name,
            Input = input,
            Config = config,
            Prompt = prompt,
            Context = PluginContext.Of(shared),
            WorkingDirectory = workingDirectory,
        };
    }

    /// <summary>Runs one phase over the current shared data and merges its result, as the engine would.</summary>
    public async Task<PhaseResult> RunPhaseAsync(string name, object? input)
    {
        var phase = Provider(plugin).CreatePhases().Single(p => p.Name == name);
        var json = input is null ? default : JsonSerializer.SerializeToElement(input);
        var result = await phase.ExecuteAsync(Request(Manifest.Phases.Single(p => p.Name == name), json, Shared), TestContext.Current.CancellationToken);
        Results[name] = result;
        Shared = Shared.WithPhaseResult(name, result);
        return result;
    }

    public string Read(string relative) => File.ReadAllText(Path.Combine(workingDirectory, relative));

    /// <summary>Every file under the working directory with its content, for comparing two runs.</summary>
    public static SortedDictionary<string, string> Snapshot(string directory) =>
        new(Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f), File.ReadAllText), StringComparer.Ordinal);
}
