using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Manifests;
using YamlDotNet.Serialization;

// Discovery benchmark: 1,000 generated plugin directories; discovery + full validation (median of
// several iterations) against a bare YamlDotNet deserialize of the same files in the same run.
const int PluginCount = 1000;
const int Iterations = 7;

var root = Path.Combine(Path.GetTempPath(), "orchestrator-bench-discovery-" + Guid.NewGuid().ToString("N"));
try
{
    var pluginsDir = Path.Combine(root, "plugins");
    var files = PluginGenerator.Generate(pluginsDir, PluginCount);
    var options = new DiscoveryOptions
    {
        ExplicitPaths = [pluginsDir],
        Environment = ImmutableDictionary<string, string>.Empty.Add("XDG_DATA_DIRS", Path.Combine(root, "none")),
        HomeDirectory = Path.Combine(root, "home"),
        CurrentDirectory = root,
        BinaryDirectory = Path.Combine(root, "bin"),
    };
    var discovery = new PluginDiscovery();
    var yaml = new DeserializerBuilder().Build();

    // Warm-up: JIT, file cache, then check the generated set is what we think it is.
    var check = discovery.Discover(options);
    if (check.Plugins.Length != PluginCount || check.Problems.Length != 0)
    {
        Console.Error.WriteLine($"generated set is wrong: {check.Plugins.Length} plugins, {check.Problems.Length} problems; first: {check.Problems.FirstOrDefault()}");
        foreach (var detail in check.Problems.FirstOrDefault()?.ManifestProblems ?? [])
        {
            Console.Error.WriteLine("  " + detail);
        }

        return 1;
    }

    BareParse(files, yaml);

    var discoveryTimes = new List<double>();
    var bareTimes = new List<double>();
    var bareParallelTimes = new List<double>();
    var readerTimes = new List<double>();
    var directories = files.Select(f => Path.GetDirectoryName(f)!).ToList();
    for (var i = 0; i < Iterations; i++)
    {
        discoveryTimes.Add(Measure(() => discovery.Discover(options)));
        bareTimes.Add(Measure(() => BareParse(files, yaml)));
        bareParallelTimes.Add(Measure(() => BareParseParallel(files)));
        readerTimes.Add(Measure(() => Parallel.ForEach(directories, d => ManifestReader.Read(d))));
    }

    var discoveryMedian = Median(discoveryTimes);
    var bareMedian = Median(bareTimes);
    var bareParallelMedian = Median(bareParallelTimes);
    Console.WriteLine($"plugins: {PluginCount}, iterations: {Iterations}, cores: {Environment.ProcessorCount}");
    Console.WriteLine($"discovery + validation (parallel read):   median {Ms(discoveryMedian)} ms  (min {Ms(discoveryTimes.Min())}, max {Ms(discoveryTimes.Max())})");
    Console.WriteLine($"bare YamlDotNet deserialize, sequential:  median {Ms(bareMedian)} ms  (min {Ms(bareTimes.Min())}, max {Ms(bareTimes.Max())})");
    Console.WriteLine($"bare YamlDotNet deserialize, parallel:    median {Ms(bareParallelMedian)} ms");
    Console.WriteLine($"ManifestReader.Read alone, parallel:      median {Ms(Median(readerTimes))} ms  (the rest of discovery is listing and precedence)");
    Console.WriteLine($"ratio discovery / bare sequential: {(discoveryMedian / bareMedian).ToString("0.00", CultureInfo.InvariantCulture)}x");
    Console.WriteLine($"ratio discovery / bare parallel:   {(discoveryMedian / bareParallelMedian).ToString("0.00", CultureInfo.InvariantCulture)}x");
    Console.WriteLine($"per plugin (discovery): {(discoveryMedian * 1000 / PluginCount).ToString("0.0", CultureInfo.InvariantCulture)} µs");
    return 0;
}
finally
{
    if (Directory.Exists(root))
    {
        Directory.Delete(root, recursive: true);
    }
}

static double Measure(Action action)
{
    var stopwatch = Stopwatch.StartNew();
    action();
    return stopwatch.Elapsed.TotalMilliseconds;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

static int BareParse(IReadOnlyList<string> files, IDeserializer yaml)
{
    var total = 0;
    foreach (var file in files)
    {
        total += yaml.Deserialize<Dictionary<object, object>>(File.ReadAllText(file)).Count;
    }

    return total;
}

static int BareParseParallel(IReadOnlyList<string> files)
{
    var total = 0;
    Parallel.ForEach(
        files,
        () => new DeserializerBuilder().Build(),
        (file, _, yaml) =>
        {
            Interlocked.Add(ref total, yaml.Deserialize<Dictionary<object, object>>(File.ReadAllText(file)).Count);
            return yaml;
        },
        _ => { });
    return total;
}
