using System.Collections;
using System.Collections.Immutable;

namespace Orchestrator.Plugins.Discovery;

/// <summary>
/// Everything discovery reads from its surroundings, so tests can supply their own
/// environment, home, current and binary directories without touching the process.
/// </summary>
public sealed record DiscoveryOptions
{
    /// <summary>
    /// Set by the launcher that <c>./build.sh install</c> puts in <c>PREFIX/bin</c>: the directory of the
    /// <c>orchestrator</c> command, whose <c>../share/orchestrator/plugins</c> holds the built-in manifests, while the
    /// program itself lives in <c>PREFIX/lib/orchestrator</c>.
    /// </summary>
    public const string BinaryDirectoryVariable = "ORCHESTRATOR_BINARY_DIR";

    /// <summary>Directories given with <c>--plugins</c>, highest precedence first; relative ones resolve against <see cref="CurrentDirectory"/>.</summary>
    public ImmutableArray<string> ExplicitPaths { get; init; } = [];

    /// <summary>Environment variables (ORCHESTRATOR_PLUGIN_PATH, XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_DATA_DIRS).</summary>
    public ImmutableDictionary<string, string> Environment { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The user's home directory; the XDG defaults live under it. Empty when unknown.</summary>
    public required string HomeDirectory { get; init; }

    /// <summary>The directory <c>./plugins</c> is relative to.</summary>
    public required string CurrentDirectory { get; init; }

    /// <summary>
    /// The directory of the running binary (of its launcher, when <see cref="BinaryDirectoryVariable"/> names one);
    /// built-in plugins are in <c>../share/orchestrator/plugins</c> from it.
    /// </summary>
    public required string BinaryDirectory { get; init; }

    /// <summary>Options describing the running process: its environment, home, current directory and binary.</summary>
    public static DiscoveryOptions FromProcess(IEnumerable<string>? explicitPaths = null)
    {
        var environment = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                environment[key] = value;
            }
        }

        var variables = environment.ToImmutable();
        return new DiscoveryOptions
        {
            ExplicitPaths = [.. explicitPaths ?? []],
            Environment = variables,
            HomeDirectory = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile),
            CurrentDirectory = System.Environment.CurrentDirectory,
            BinaryDirectory = BinaryDirectoryFrom(variables, AppContext.BaseDirectory),
        };
    }

    /// <summary>The launcher's directory when <see cref="BinaryDirectoryVariable"/> is an absolute path, else <paramref name="programDirectory"/>.</summary>
    internal static string BinaryDirectoryFrom(ImmutableDictionary<string, string> environment, string programDirectory) =>
        environment.TryGetValue(BinaryDirectoryVariable, out var launcher) && Path.IsPathFullyQualified(launcher) ? launcher : programDirectory;
}
