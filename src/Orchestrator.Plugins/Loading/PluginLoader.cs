using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Execution;
using Orchestrator.Plugins.Manifests;
using Orchestrator.Plugins.Processes;

namespace Orchestrator.Plugins.Loading;

/// <summary>Turns a discovered plugin into a <see cref="CatalogEntry"/> with the loader of its kind.</summary>
internal sealed class PluginLoader(PluginOptions options, ILogger logger)
{
    /// <summary>The content hash of a plugin directory.</summary>
    /// <exception cref="PluginLoadException">The directory cannot be read.</exception>
    public static string Hash(PluginManifest manifest, CancellationToken cancellationToken)
    {
        try
        {
            return ContentHash.Compute(manifest.Directory, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PluginLoadException($"cannot hash the plugin directory: {e.Message}", e);
        }
    }

    /// <exception cref="PluginLoadException">The plugin cannot be made runnable; the message says why.</exception>
    public async Task<CatalogEntry> LoadAsync(DiscoveredPlugin plugin, PluginIdentity identity, CancellationToken cancellationToken)
    {
        var manifest = plugin.Manifest;
        var prompts = ReadPrompts(manifest);
        IPluginRuntime runtime = manifest switch
        {
            { Type: PluginType.Builtin } => BuiltInPluginLoader.Load(manifest, options.BuiltIns),
            { Binary: true } => await ProcessRuntime.LoadAsync(manifest, options, logger, cancellationToken),
            _ => AssemblyPluginLoader.Load(manifest, identity.ContentHash),
        };
        return new CatalogEntry(new LoadedPlugin(identity, manifest) { Source = plugin.Source, Warnings = plugin.Warnings }, runtime, prompts);
    }

    private static ImmutableDictionary<string, string> ReadPrompts(PluginManifest manifest)
    {
        var prompts = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (phase, file) in manifest.Prompts)
        {
            try
            {
                prompts[phase] = File.ReadAllText(Path.Combine(manifest.Directory, file));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new PluginLoadException($"prompts.{phase}: cannot read '{file}': {e.Message}", e);
            }
        }

        return prompts.ToImmutable();
    }
}
