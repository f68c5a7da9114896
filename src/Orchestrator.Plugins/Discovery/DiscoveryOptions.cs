using System.Collections;
using System.Collections.Immutable;

namespace Orchestrator.Plugins.Discovery;

/// <summary>
/// Everything discovery reads from its surroundings, so tests can supply their own
/// environment, home, current and binary directories without touching the process.
/// </summary>
public sealed record DiscoveryOptions
{
    /// <summary>Directories given with <c>--plugins</c>, highest precedence first; relative ones resolve against <see cref="CurrentDirectory"/>.</summary>
    public ImmutableArray<string> ExplicitPaths { get; init; } = [];

    /// <summary>Environment variables (ORCHESTRATOR_PLUGIN_PATH, XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_DATA_DIRS).</summary>
    public ImmutableDictionary<string, string> Environment { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The user's home directory; the XDG defaults live under it. Empty when unknown.</summary>
    public required string HomeDirectory { get; init; }

    /// <summary>The directory <c>./plugins</c> is relative to.</summary>
    public required string CurrentDirectory { get; init; }

    /// <summary>The directory of the running binary; built-in plugins are in <c>../share/orchestrator/plugins</c> from it.</summary>
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

        return new DiscoveryOptions
        {
            ExplicitPaths = [.. explicitPaths ?? []],
            Environment = environment.ToImmutable(),
            HomeDirectory = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile),
            CurrentDirectory = System.Environment.CurrentDirectory,
            BinaryDirectory = AppContext.BaseDirectory,
        };
    }
}
