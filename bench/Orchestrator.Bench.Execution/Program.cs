using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Bench.Execution;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Execution;
using Orchestrator.Plugins.Processes;

[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]

// Per-call overhead of a no-op phase through PhaseExecutor for each plugin kind; for executables, the ratio to a
// bare Process.Start round trip of the same executable with the same stdin/stdout bytes, measured in this run.
var repository = FindRepository();
var root = Path.Combine(Path.GetTempPath(), "orchestrator-bench-execution-" + Guid.NewGuid().ToString("N"));
var plugins = Path.Combine(root, "plugins");
var workdir = Path.Combine(root, "work");
Directory.CreateDirectory(plugins);
Directory.CreateDirectory(workdir);
try
{
    BenchPlugins.WriteBuiltIn(plugins);
    BenchPlugins.WriteAssembly(plugins, repository);
    var script = BenchPlugins.WriteScript(plugins);
    var compiled = BenchPlugins.WriteCompiled(plugins);
    var host = ImmutableDictionary<string, string>.Empty.Add("PATH", Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin");
    using var catalog = new PluginCatalog(new PluginOptions
    {
        Discovery = new DiscoveryOptions
        {
            ExplicitPaths = [plugins],
            Environment = ImmutableDictionary<string, string>.Empty.Add("XDG_DATA_DIRS", Path.Combine(root, "none")),
            HomeDirectory = Path.Combine(root, "home"),
            CurrentDirectory = root,
            BinaryDirectory = Path.Combine(root, "bin"),
        },
        BuiltIns = new Dictionary<string, Func<IPhaseProvider>> { ["noop-builtin"] = () => new NoopProvider() },
        HostEnvironment = host,
    });
    await catalog.ReloadAsync();
    if (!catalog.Problems.IsEmpty)
    {
        Console.Error.WriteLine("plugins did not load: " + string.Join("; ", catalog.Problems));
        return 1;
    }

    var executor = new PhaseExecutor(catalog);
    Console.WriteLine($"cores: {Environment.ProcessorCount}; per call = mean over the calls after 5 warm-up calls");
    await MeasureInProcessAsync(executor, catalog, "noop-builtin", "noop", null, 20_000, "built-in (no-op phase)");
    await MeasureInProcessAsync(executor, catalog, "wordcount-dotnet", "count", """{"text":"x"}""", 20_000, "assembly (wordcount count, 1 word)");
    await MeasureExternalAsync(executor, catalog, "noop-sh", script, 200, "external script (/bin/sh)");
    if (compiled is not null)
    {
        await MeasureExternalAsync(executor, catalog, "noop-c", compiled, 300, "external compiled (C)");
    }
    else
    {
        Console.WriteLine("external compiled (C): skipped, no C compiler (cc) on this machine");
    }

    return 0;
}
finally
{
    Directory.Delete(root, recursive: true);
}

async Task MeasureInProcessAsync(PhaseExecutor executor, PluginCatalog catalog, string name, string phase, string? input, int calls, string label)
{
    var plugin = catalog.Get(name);
    var request = Request(plugin, phase, input);
    var perCall = await PerCallAsync(() => executor.ExecuteAsync(plugin.Identity, request, CancellationToken.None), calls);
    Console.WriteLine($"{label,-38} {perCall * 1000,10:0.00} µs/call");
}

async Task MeasureExternalAsync(PhaseExecutor executor, PluginCatalog catalog, string name, string entry, int calls, string label)
{
    var plugin = catalog.Get(name);
    var request = Request(plugin, "noop", null);
    var stdin = ProcessProtocol.WriteRequest(request);
    var executed = await PerCallAsync(() => executor.ExecuteAsync(plugin.Identity, request, CancellationToken.None), calls);
    var bare = await PerCallAsync(() => BareRoundTripAsync(entry, stdin), calls);
    Console.WriteLine($"{label,-38} {executed,10:0.000} ms/call   bare Process.Start {bare:0.000} ms/call   ratio {executed / bare:0.00}x");
}

PhaseRequest Request(LoadedPlugin plugin, string phase, string? input) => new()
{
    RunId = "bench",
    Plugin = plugin.Identity.Name,
    PluginVersion = plugin.Identity.Version,
    Phase = phase,
    Input = input is null ? default : JsonDocument.Parse(input).RootElement.Clone(),
    WorkingDirectory = workdir,
};

async Task<PhaseResult> BareRoundTripAsync(string entry, byte[] stdin)
{
    var start = new ProcessStartInfo(entry) { RedirectStandardInput = true, RedirectStandardOutput = true, WorkingDirectory = workdir };
    start.ArgumentList.Add("execute");
    start.ArgumentList.Add("noop");
    using var process = Process.Start(start)!;
    var stdout = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
    await process.StandardInput.BaseStream.WriteAsync(stdin);
    process.StandardInput.Close();
    await stdout;
    await process.WaitForExitAsync();
    return new PhaseResult();
}

// Milliseconds per call.
static async Task<double> PerCallAsync(Func<Task<PhaseResult>> call, int calls)
{
    for (var i = 0; i < 5; i++)
    {
        await call();
    }

    var clock = Stopwatch.StartNew();
    for (var i = 0; i < calls; i++)
    {
        await call();
    }

    return clock.Elapsed.TotalMilliseconds / calls;
}

static string FindRepository()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("run from inside the repository (Orchestrator.sln not found)");
}
