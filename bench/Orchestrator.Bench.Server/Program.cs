using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Bench.Server;
using Orchestrator.Cli.Hosting;
using Orchestrator.Engine.Runs;
using Orchestrator.Plugins.Discovery;

// REST API bench: one-phase runs over HTTP against `orchestrator serve`'s host (embedded in-memory sidecar), with 1, 16
// and 64 concurrent clients, and the same runs started through RunService in the same process as the baseline.
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
var ct = timeout.Token;
var root = Directory.CreateTempSubdirectory("orch-bench-server-").FullName;
try
{
    Directory.CreateDirectory(Path.Combine(root, "plugins", "noop"));
    File.WriteAllText(Path.Combine(root, "plugins", "noop", "plugin.yaml"),
        "name: noop\nversion: 1.0.0\ntype: builtin\ndomains: [bench]\nphases:\n  - name: once\n    order: 1\n");
    var options = new ServeHostOptions
    {
        Urls = "http://127.0.0.1:0",
        Discovery = new DiscoveryOptions
        {
            ExplicitPaths = [Path.Combine(root, "plugins")],
            Environment = ImmutableDictionary<string, string>.Empty.Add("XDG_DATA_DIRS", Path.Combine(root, "none")),
            HomeDirectory = root,
            CurrentDirectory = root,
            BinaryDirectory = Path.Combine(root, "bin"),
        },
        BuiltIns = new Dictionary<string, Func<IPhaseProvider>> { ["noop"] = () => new NoopProvider() },
        WatchPlugins = false,
        Engine = e =>
        {
            e.DataDirectory = Path.Combine(root, "data");
            e.CurrentDirectory = root;
            e.EnableRetention = false;
        },
        Logging = l => { },
    };
    await using var host = await ServeHost.StartAsync(options, ct);
    using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    IStarter http = new HttpStarter(client);
    IStarter direct = new DirectStarter(host.Services.GetRequiredService<RunService>());

    // Warm-up: JIT, connection pool, sidecar dispatchers.
    await Measure.LatenciesAsync(http, 8, 100, ct);
    await Measure.LatenciesAsync(direct, 8, 100, ct);

    Console.WriteLine("One-phase runs, embedded in-memory sidecar; 'direct' = RunService in the same process (baseline).");
    Console.WriteLine("clients  path     starts/s  p50 ms  p99 ms   (ratio http/direct: starts/s, p50, p99)");
    foreach (var (clients, starts, latencyRuns) in new[] { (1, 300, 150), (16, 1200, 480), (64, 2048, 1024) })
    {
        var results = new Dictionary<string, (double Rate, double P50, double P99)>();
        foreach (var starter in new[] { direct, http })
        {
            var rate = await Measure.StartsPerSecondAsync(starter, clients, starts, ct);
            var latencies = await Measure.LatenciesAsync(starter, clients, latencyRuns, ct);
            results[starter.Name] = (rate, Measure.Percentile(latencies, 0.50), Measure.Percentile(latencies, 0.99));
            var (r, p50, p99) = results[starter.Name];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clients,7}  {starter.Name,-7} {r,9:F0} {p50,7:F1} {p99,7:F1}"));
        }

        var (hr, h50, h99) = results["http"];
        var (dr, d50, d99) = results["direct"];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clients,7}  ratio    {hr / dr,9:F2} {h50 / d50,7:F2} {h99 / d99,7:F2}"));
    }
}
finally
{
    Directory.Delete(root, recursive: true);
}
