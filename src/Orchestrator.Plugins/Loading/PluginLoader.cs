using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orchestrator.Documents.Parsing;
using Orchestrator.Documents.Problems;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Execution;
using Orchestrator.Plugins.Manifests;
using Orchestrator.Plugins.Processes;

namespace Orchestrator.Plugins.Loading;

/// <summary>Turns a discovered plugin into a <see cref="CatalogEntry"/> with the loader of its kind.</summary>
internal sealed class PluginLoader(PluginOptions options, ILogger logger)
{
    /// <summary>The largest prompt file read (1 MiB).</summary>
    public const long MaxPromptBytes = 1024 * 1024;

    /// <summary>The content hash of a plugin directory, and the warnings about links pointing out of it.</summary>
    /// <exception cref="PluginLoadException">The directory cannot be read, is too large or holds a FIFO, device or socket.</exception>
    public static PluginContent Hash(PluginManifest manifest, CancellationToken cancellationToken)
    {
        try
        {
            return ContentHash.Scan(manifest.Directory, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PluginLoadException($"cannot hash the plugin directory: {e.Message}", e);
        }
    }

    /// <param name="plugin">The discovered plugin.</param>
    /// <param name="identity">Its name, version and content hash.</param>
    /// <param name="contentWarnings">What hashing its directory reported (links pointing outside).</param>
    /// <param name="cancellationToken">Cancels loading.</param>
    /// <exception cref="PluginLoadException">The plugin cannot be made runnable; the message says why.</exception>
    public Task<CatalogEntry> LoadAsync(
        DiscoveredPlugin plugin, PluginIdentity identity, ImmutableArray<DocumentProblem> contentWarnings, CancellationToken cancellationToken) =>
        LoadAsync(plugin.Manifest, plugin.Source, plugin.Warnings.AddRange(contentWarnings), identity, cancellationToken);

    /// <summary>Loads <paramref name="manifest"/>'s plugin as <paramref name="identity"/> (a snapshot has no search path).</summary>
    /// <exception cref="PluginLoadException">The plugin cannot be made runnable; the message says why.</exception>
    public async Task<CatalogEntry> LoadAsync(
        PluginManifest manifest, SearchPath? source, ImmutableArray<DocumentProblem> warnings, PluginIdentity identity, CancellationToken cancellationToken)
    {
        var prompts = ReadPrompts(manifest);
        IPluginRuntime runtime = manifest switch
        {
            { Type: PluginType.Builtin } => BuiltInPluginLoader.Load(manifest, options.BuiltIns),
            { Binary: true } => await ProcessRuntime.LoadAsync(manifest, options, logger, cancellationToken),
            _ => AssemblyPluginLoader.Load(manifest, identity.ContentHash),
        };
        var loaded = new LoadedPlugin(identity, manifest) { Source = source, Warnings = warnings };
        return new CatalogEntry(loaded, runtime, prompts);
    }

    private static ImmutableDictionary<string, string> ReadPrompts(PluginManifest manifest)
    {
        var prompts = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (phase, file) in manifest.Prompts)
        {
            var path = Path.Combine(manifest.Directory, file);
            var problems = new ProblemCollector(path);
            if (DocumentText.Read(path, MaxPromptBytes, "prompt", "a few kilobytes", problems) is not { } text)
            {
                var reason = problems.ToImmutable().Select(p => p.Message).FirstOrDefault() ?? "unreadable";
                throw new PluginLoadException($"prompts.{phase}: cannot read '{file}': {reason}");
            }

            prompts[phase] = text.TrimStart('\uFEFF');
        }

        return prompts.ToImmutable();
    }
}
