using System.Collections.Immutable;

namespace Orchestrator.Plugins.Discovery;

/// <summary>Computes the plugin search paths in precedence order (docs/cli.md#search-paths-and-precedence).</summary>
public static class SearchPaths
{
    public const string PluginPathVariable = "ORCHESTRATOR_PLUGIN_PATH";

    private static readonly string Suffix = Path.Combine("orchestrator", "plugins");

    /// <summary>The search paths, highest precedence first, each directory listed once (its highest-precedence occurrence).</summary>
    public static ImmutableArray<SearchPath> Resolve(DiscoveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var candidates = new List<(string Directory, SearchPathKind Kind)>();

        foreach (var path in options.ExplicitPaths)
        {
            if (!string.IsNullOrWhiteSpace(path))
            {
                candidates.Add((Path.GetFullPath(path, options.CurrentDirectory), SearchPathKind.Explicit));
            }
        }

        foreach (var path in Split(Variable(options, PluginPathVariable)))
        {
            candidates.Add((Path.GetFullPath(path, options.CurrentDirectory), SearchPathKind.Explicit));
        }

        candidates.Add((Path.Combine(options.CurrentDirectory, "plugins"), SearchPathKind.Development));

        if (XdgHome(options, "XDG_CONFIG_HOME", ".config") is { } configHome)
        {
            candidates.Add((Path.Combine(configHome, Suffix), SearchPathKind.UserConfig));
        }

        if (XdgHome(options, "XDG_DATA_HOME", Path.Combine(".local", "share")) is { } dataHome)
        {
            candidates.Add((Path.Combine(dataHome, Suffix), SearchPathKind.UserData));
        }

        var dataDirs = Variable(options, "XDG_DATA_DIRS") ?? "/usr/local/share:/usr/share";
        foreach (var dir in Split(dataDirs).Where(Path.IsPathFullyQualified))
        {
            candidates.Add((Path.Combine(dir, Suffix), SearchPathKind.System));
        }

        candidates.Add((Path.Combine(options.BinaryDirectory, "..", "share", Suffix), SearchPathKind.BuiltIn));

        // The built-in manifests shipped with the binary: the build copies them next to it.
        candidates.Add((Path.Combine(options.BinaryDirectory, "plugins"), SearchPathKind.BuiltIn));

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<SearchPath>();
        foreach (var (directory, kind) in candidates)
        {
            var normalized = Normalize(directory);
            if (seen.Add(normalized))
            {
                result.Add(new SearchPath(normalized, kind, result.Count));
            }
        }

        return result.ToImmutable();
    }

    /// <summary>A short label for a kind, as shown by the CLI.</summary>
    public static string Describe(SearchPathKind kind) => kind switch
    {
        SearchPathKind.Explicit => "explicit",
        SearchPathKind.Development => "development",
        SearchPathKind.UserConfig => "user-config",
        SearchPathKind.UserData => "user-data",
        SearchPathKind.System => "system",
        SearchPathKind.BuiltIn => "built-in",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown search path kind."),
    };

    private static string? Variable(DiscoveryOptions options, string name) =>
        options.Environment.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    // XDG: a relative value is invalid and ignored, falling back to the default under the home directory.
    internal static string? XdgHome(DiscoveryOptions options, string variable, string defaultUnderHome)
    {
        if (Variable(options, variable) is { } value && Path.IsPathFullyQualified(value))
        {
            return value;
        }

        return options.HomeDirectory.Length > 0 && Path.IsPathFullyQualified(options.HomeDirectory)
            ? Path.Combine(options.HomeDirectory, defaultUnderHome)
            : null;
    }

    private static IEnumerable<string> Split(string? value) =>
        (value ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Normalize(string directory)
    {
        var full = Path.GetFullPath(directory);
        var root = Path.GetPathRoot(full) ?? string.Empty;
        return full.Length > root.Length ? full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) : full;
    }
}
