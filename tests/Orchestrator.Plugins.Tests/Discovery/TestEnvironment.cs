using System.Collections.Immutable;
using Orchestrator.Plugins.Discovery;

namespace Orchestrator.Plugins.Tests.Discovery;

/// <summary>A hermetic discovery environment inside a temp directory: its own home, current and binary directories.</summary>
internal sealed class TestEnvironment : IDisposable
{
    private readonly TempDirectory _root = new();

    public TestEnvironment()
    {
        Home = _root.Sub("home");
        Current = _root.Sub("work");
        Binary = _root.Sub("app", "bin");
    }

    public string Root => _root.Path;

    public string Home { get; }

    public string Current { get; }

    public string Binary { get; }

    /// <summary><c>./plugins</c>.</summary>
    public string Development => Path.Combine(Current, "plugins");

    /// <summary>The default user-config path (<c>~/.config/orchestrator/plugins</c>).</summary>
    public string UserConfig => Path.Combine(Home, ".config", "orchestrator", "plugins");

    /// <summary>The default user-data path (<c>~/.local/share/orchestrator/plugins</c>).</summary>
    public string UserData => Path.Combine(Home, ".local", "share", "orchestrator", "plugins");

    /// <summary>The built-in path (<c>&lt;binary&gt;/../share/orchestrator/plugins</c>).</summary>
    public string BuiltIn => Path.Combine(Root, "app", "share", "orchestrator", "plugins");

    public string Sub(params string[] parts) => _root.Sub(parts);

    /// <summary>Options for this environment; XDG_DATA_DIRS points inside it unless overridden, so the machine's /usr/share is never read.</summary>
    public DiscoveryOptions Options(IEnumerable<string>? explicitPaths = null, IReadOnlyDictionary<string, string>? variables = null)
    {
        var environment = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        environment["XDG_DATA_DIRS"] = Path.Combine(Root, "system-a") + ":" + Path.Combine(Root, "system-b");
        foreach (var (key, value) in variables ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return new DiscoveryOptions
        {
            ExplicitPaths = [.. explicitPaths ?? []],
            Environment = environment.ToImmutable(),
            HomeDirectory = Home,
            CurrentDirectory = Current,
            BinaryDirectory = Binary,
        };
    }

    public void Dispose() => _root.Dispose();
}
