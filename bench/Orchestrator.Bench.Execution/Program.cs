using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Bench.Execution;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Execution;
using Orchestrator.Plugins.Processes;

[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]

// Per-call overhead of a no-op phase through PhaseExecutor for each plugin kind; for executables, in the bubblewrap
// sandbox (the default) and unsandboxed (Plugins:Sandbox off), one call at a time and 8 at once, each against a bare
// Process.Start round trip of the same executable with the same stdin/stdout bytes, measured in this run.
var repository = FindRepository();
var root = Path.Combine(Path.GetTempPath(), "orchestrator-bench-execution-" + Guid.NewGuid().ToString("N"));
var plugins = Path.Combine(root, "plugins");
var workdir = Path.Combine(root, "work");
Directory.CreateDirectory(plugins);
Directory.CreateDirectory(workdir);
var host = ImmutableDictionary<string, string>.Empty.Add("PATH", Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin");
try
{
    BenchPlugins.WriteBuiltIn(plugins);
    BenchPlugins.WriteAssembly(plugins, repository);
    var script = BenchPlugins.WriteScript(plugins);
    var compiled = BenchPlugins.WriteCompiled(plugins);
    using var catalog = await LoadAsync(SandboxMode.On);
    using var unsandboxed = await LoadAsync(SandboxMode.Off);
    if (catalog is null || unsandboxed is null)
    {
        return 1;
    }

    var executor = new PhaseExecutor(catalog);
    var plain = new PhaseExecutor(unsandboxed);
    Console.WriteLine($"cores: {Environment.ProcessorCount}; per call = mean over the calls after 5 warm-up calls; executions/s = calls / wall time");
    await MeasureInProcessAsync(executor, catalog, "noop-builtin", "noop", null, 20_000, "built-in (no-op phase)");
    await MeasureInProcessAsync(executor, catalog, "wordcount-dotnet", "count", """{"text":"x"}""", 20_000, "assembly (wordcount count, 1 word)");
    await MeasureExternalAsync((executor, catalog), (plain, unsandboxed), "noop-sh", script, 200, "external script (/bin/sh)");
    if (compiled is not null)
    {
        await MeasureExternalAsync((executor, catalog), (plain, unsandboxed), "noop-c", compiled, 300, "external compiled (C)");
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

async Task<PluginCatalog?> LoadAsync(SandboxMode sandbox)
{
    var loaded = new PluginCatalog(new PluginOptions
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
        Sandbox = sandbox,
    });
    await loaded.ReloadAsync();
    if (loaded.Problems.IsEmpty)
    {
        return loaded;
    }

    Console.Error.WriteLine($"plugins did not load (sandbox {sandbox}): " + string.Join("; ", loaded.Problems));
    loaded.Dispose();
    return null;
}

async Task MeasureExternalAsync(
    (PhaseExecutor Executor, PluginCatalog Catalog) sandboxed, (PhaseExecutor Executor, PluginCatalog Catalog) unsandboxed,
    string name, string entry, int calls, string label)
{
    var request = Request(sandboxed.Catalog.Get(name), "noop", null);
    var stdin = ProcessProtocol.WriteRequest(request);
    Task<PhaseResult> Boxed() => sandboxed.Executor.ExecuteAsync(sandboxed.Catalog.Get(name).Identity, request, CancellationToken.None);
    Task<PhaseResult> Plain() => unsandboxed.Executor.ExecuteAsync(unsandboxed.Catalog.Get(name).Identity, request, CancellationToken.None);
    Task<PhaseResult> Bare() => BareRoundTripAsync(entry, stdin);
    foreach (var inFlight in new[] { 1, 8 })
    {
        var boxed = await RateAsync(Boxed, calls, inFlight);
        var plain = await RateAsync(Plain, calls, inFlight);
        var bare = await RateAsync(Bare, calls, inFlight);
        Console.WriteLine(
            $"{label,-27} {inFlight} in flight: sandboxed {boxed,6:0} executions/s ({1000 / boxed * inFlight:0.00} ms each)   "
            + $"unsandboxed {plain,6:0}/s (sandboxed/unsandboxed {boxed / plain:0.00})   bare Process.Start {bare,6:0}/s (unsandboxed/bare {plain / bare:0.00})");
    }
}

// Executions per second with inFlight calls running at once, after 5 warm-up calls.
static async Task<double> RateAsync(Func<Task<PhaseResult>> call, int calls, int inFlight)
{
    for (var i = 0; i < 5; i++)
    {
        await call();
    }

    var next = 0;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
    {
        while (Interlocked.Increment(ref next) <= calls)
        {
            await call();
        }
    }));
    return calls / clock.Elapsed.TotalSeconds;
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
