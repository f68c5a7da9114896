using System.Collections.Immutable;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Plugins.Discovery;

/// <summary>
/// Finds plugins in the search paths (docs/cli.md#search-paths-and-precedence), reads and validates their manifests in parallel,
/// and applies precedence: the first plugin of a name wins, later ones are reported as shadowed.
/// </summary>
public sealed class PluginDiscovery
{
    private readonly Func<string, CancellationToken, ManifestReadResult> _readManifest;

    /// <summary>Creates a discovery that reads manifests with <see cref="ManifestReader.Read"/>.</summary>
    public PluginDiscovery()
        : this(ManifestReader.Read)
    {
    }

    /// <summary>Creates a discovery with its own manifest reader (a plugin directory in, a read result out).</summary>
    public PluginDiscovery(Func<string, CancellationToken, ManifestReadResult> readManifest)
    {
        ArgumentNullException.ThrowIfNull(readManifest);
        _readManifest = readManifest;
    }

    /// <summary>Searches every path of <paramref name="options"/> and returns the plugins and all problems.</summary>
    public DiscoveryResult Discover(DiscoveryOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var searchPaths = SearchPaths.Resolve(options);
        var problems = new List<PluginProblem>();
        var candidates = new List<(string Directory, SearchPath Source, bool HasManifest)>();
        foreach (var searchPath in searchPaths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            CollectCandidates(searchPath, candidates, problems);
        }

        // Listing a plugin directory and reading its manifest are independent per directory: do both in parallel.
        var reads = new ManifestReadResult?[candidates.Count];
        var failures = new Exception?[candidates.Count];
        Parallel.For(
            0,
            candidates.Count,
            new ParallelOptions { CancellationToken = cancellationToken },
            i =>
            {
                try
                {
                    var (directory, _, hasManifest) = candidates[i];
                    if (hasManifest || ManifestFiles.ExistIn(directory))
                    {
                        reads[i] = _readManifest(directory, cancellationToken);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    failures[i] = e;
                }
            });

        var winners = new Dictionary<string, DiscoveredPlugin>(StringComparer.Ordinal);
        for (var i = 0; i < candidates.Count; i++)
        {
            var (directory, source, _) = candidates[i];
            if (failures[i] is { } failure)
            {
                problems.Add(new PluginProblem(PluginProblemKind.UnreadableDirectory, directory, $"cannot read the plugin directory: {failure.Message}"));
                continue;
            }

            if (reads[i] is not { } read)
            {
                problems.Add(new PluginProblem(
                    PluginProblemKind.NoManifest,
                    directory,
                    $"directory holds no {ManifestFiles.Names}; not a plugin"));
                continue;
            }

            if (!read.IsValid || read.Manifest is null)
            {
                var errorCount = read.Errors.Count();
                problems.Add(new PluginProblem(
                    PluginProblemKind.InvalidManifest,
                    directory,
                    $"invalid manifest ({errorCount} error{(errorCount == 1 ? string.Empty : "s")})")
                {
                    ManifestProblems = read.Problems,
                });
                continue;
            }

            var plugin = new DiscoveredPlugin(read.Manifest, source) { Warnings = read.Problems };
            if (winners.TryGetValue(plugin.Name, out var winner))
            {
                // Two search paths reaching the same directory (a symlink, or a path listed under two
                // names) find one plugin, not a shadowed copy.
                if (string.Equals(winner.Manifest.Directory, plugin.Manifest.Directory, StringComparison.Ordinal))
                {
                    continue;
                }

                problems.Add(new PluginProblem(
                    PluginProblemKind.Shadowed,
                    plugin.Manifest.Directory,
                    $"plugin '{plugin.Name}' {plugin.Manifest.Version} at {plugin.Manifest.Directory} ({SearchPaths.Describe(source.Kind)}) "
                    + $"is shadowed by {winner.Manifest.Version} at {winner.Manifest.Directory} ({SearchPaths.Describe(winner.Source.Kind)})")
                {
                    PluginName = plugin.Name,
                    Manifest = plugin.Manifest,
                });
                continue;
            }

            winners.Add(plugin.Name, plugin);
        }

        var plugins = winners.Values.OrderBy(p => p.Name, StringComparer.Ordinal).ToImmutableArray();
        return new DiscoveryResult(searchPaths, plugins, [.. problems]);
    }

    private static void CollectCandidates(SearchPath searchPath, List<(string, SearchPath, bool)> candidates, List<PluginProblem> problems)
    {
        var root = searchPath.Directory;
        if (!Directory.Exists(root))
        {
            if (File.Exists(root))
            {
                problems.Add(new PluginProblem(PluginProblemKind.MissingSearchPath, root, "search path is a file, not a directory"));
            }
            else if (searchPath.Kind == SearchPathKind.Explicit)
            {
                problems.Add(new PluginProblem(PluginProblemKind.MissingSearchPath, root, "search path does not exist"));
            }

            return;
        }

        try
        {
            // A manifest directly in the search path makes the search path itself the plugin;
            // its subdirectories (prompts/, ...) are then its content, not further plugins.
            if (ManifestFiles.ExistIn(root))
            {
                candidates.Add((root, searchPath, true));
                return;
            }

            // Whether each subdirectory holds a manifest is checked later, in parallel with the reads.
            candidates.AddRange(Directory.EnumerateDirectories(root)
                .Where(d => !Path.GetFileName(d).StartsWith('.'))
                .Order(StringComparer.Ordinal)
                .Select(d => (d, searchPath, false)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new PluginProblem(PluginProblemKind.UnreadableDirectory, root, $"cannot list the search path: {e.Message}"));
        }
    }
}
