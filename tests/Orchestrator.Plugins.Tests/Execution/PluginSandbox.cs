using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Plugins.Execution;
using Orchestrator.Plugins.Processes;
using Orchestrator.Plugins.Tests.Discovery;

namespace Orchestrator.Plugins.Tests.Execution;

/// <summary>
/// A hermetic plugin world in a temp directory: one explicit search path, a catalog and executor over it,
/// a host environment the test controls, and a working directory. Disposing unloads and deletes everything.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class PluginSandbox : IDisposable
{
    private readonly TestEnvironment _environment = new();
    private PluginCatalog? _catalog;

    public PluginSandbox()
    {
        Plugins = _environment.Sub("plugins");
        Workdir = _environment.Sub("workdir");
        HostEnvironment = ImmutableDictionary<string, string>.Empty
            .Add("PATH", Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Add("HOME", _environment.Home);
    }

    public string Plugins { get; }

    public string Workdir { get; }

    public string Root => _environment.Root;

    public ImmutableDictionary<string, string> HostEnvironment { get; set; }

    public Dictionary<string, Func<IPhaseProvider>> BuiltIns { get; } = new(StringComparer.Ordinal);

    public long StdoutLimit { get; set; } = PluginOptions.DefaultStdoutLimit;

    public TimeSpan KillGracePeriod { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan LoadTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How executables are isolated; the product default (bubblewrap) unless a test says otherwise.</summary>
    public SandboxMode Sandbox { get; set; } = SandboxMode.On;

    public string? BwrapPath { get; set; }

    /// <summary>How long an unpinned replaced version keeps its snapshot; none, so collection tests need not wait.</summary>
    public TimeSpan SnapshotGrace { get; set; } = TimeSpan.Zero;

    /// <summary>The snapshot store: the XDG default under the sandbox's home.</summary>
    public string Snapshots => Path.Combine(_environment.Home, ".cache", "orchestrator", "plugins");

    /// <summary>The snapshot directory of <paramref name="identity"/>.</summary>
    public string SnapshotOf(PluginIdentity identity) => Path.Combine(Snapshots, identity.Name, identity.ContentHash);

    public PluginCatalog Catalog => _catalog ??= new PluginCatalog(Options());

    public PluginOptions Options() => new()
    {
        Discovery = _environment.Options([Plugins]),
        BuiltIns = BuiltIns,
        HostEnvironment = HostEnvironment,
        StdoutLimit = StdoutLimit,
        KillGracePeriod = KillGracePeriod,
        LoadTimeout = LoadTimeout,
        Sandbox = Sandbox,
        BwrapPath = BwrapPath,
        SnapshotGrace = SnapshotGrace,
        ReloadDebounce = TimeSpan.FromMilliseconds(100),
    };

    public string Sub(params string[] parts) => _environment.Sub(parts);

    /// <summary>Loads the search path and returns the loaded plugin of that name (failing with the catalog's problems otherwise).</summary>
    public async Task<LoadedPlugin> LoadAsync(string name)
    {
        await Catalog.ReloadAsync(TestContext.Current.CancellationToken);
        Catalog.TryGet(name, out var plugin).ShouldBeTrue($"'{name}' should load; problems:\n{string.Join('\n', Catalog.Problems)}");
        return plugin;
    }

    public Task<PhaseResult> ExecuteAsync(LoadedPlugin plugin, string phase, string? inputJson = null, IReadOnlyDictionary<string, JsonElement>? config = null) =>
        new PhaseExecutor(Catalog).ExecuteAsync(plugin.Identity, Request(plugin, phase, inputJson, config), TestContext.Current.CancellationToken);

    public PhaseRequest Request(LoadedPlugin plugin, string phase, string? inputJson = null, IReadOnlyDictionary<string, JsonElement>? config = null) => new()
    {
        RunId = "run-1",
        Plugin = plugin.Identity.Name,
        PluginVersion = plugin.Identity.Version,
        Phase = phase,
        Input = inputJson is null ? default : JsonDocument.Parse(inputJson).RootElement.Clone(),
        Config = config?.ToImmutableDictionary() ?? ImmutableDictionary<string, JsonElement>.Empty,
        WorkingDirectory = Workdir,
    };

    /// <summary>Writes an external executable plugin whose entry is <paramref name="script"/> (shebang included).</summary>
    public string WriteExecutable(string name, string script, string phasesYaml, string extraYaml = "", string version = "1.0.0", string entry = "run")
    {
        var directory = Path.Combine(Plugins, name);
        Directory.CreateDirectory(directory);
        var manifest = new StringBuilder()
            .AppendLine($"name: {name}")
            .AppendLine($"version: {version}")
            .AppendLine("type: external")
            .AppendLine("binary: true")
            .AppendLine($"entry_point: {entry}")
            .AppendLine("domains: [code]")
            .Append(extraYaml)
            .AppendLine("phases:")
            .Append(phasesYaml);
        File.WriteAllText(Path.Combine(directory, "plugin.yaml"), manifest.ToString());
        var path = Path.Combine(directory, entry);
        File.WriteAllText(path, script.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return directory;
    }

    /// <summary>A bash plugin with one phase <c>go</c>; <paramref name="execute"/> is the body run for <c>execute go</c>.</summary>
    public string WriteBash(string name, string execute, string validate = "exit 0", string phaseYaml = "", string extraYaml = "", string version = "1.0.0") =>
        WriteExecutable(
            name,
            $$"""
            #!/usr/bin/env bash
            case "$1" in
              info) echo '{"name":"{{name}}","version":"{{version}}","protocol":1,"phases":["go"]}' ;;
              validate)
                {{validate}}
                ;;
              execute)
                {{execute}}
                ;;
              *) echo "unknown command $1" >&2; exit 64 ;;
            esac
            """,
            "  - name: go\n    order: 1\n" + phaseYaml,
            extraYaml,
            version);

    /// <summary>Copies a built test assembly plugin into the search path with a manifest.</summary>
    public string WriteAssembly(string name, string build, string assembly, string phasesYaml, string version = "1.0.0", string extraYaml = "", string? directoryName = null)
    {
        var directory = Path.Combine(Plugins, directoryName ?? name);
        Directory.CreateDirectory(directory);
        foreach (var file in Directory.EnumerateFiles(TestPluginBuilds.Directory(build)))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)), overwrite: true);
        }

        File.WriteAllText(
            Path.Combine(directory, "plugin.yaml"),
            $"name: {name}\nversion: {version}\ntype: external\nbinary: false\nentry_point: {assembly}\ndomains: [code]\n{extraYaml}phases:\n{phasesYaml}");
        return directory;
    }

    public void Dispose()
    {
        _catalog?.Dispose();
        _environment.Dispose();
    }
}
