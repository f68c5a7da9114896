using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Orchestrator.Bench.ScaleOut;
using Orchestrator.Testing;

// Scale-out on one machine (docs/scale-out.md#sizing): runs/s of 1, 2 and 3 `orchestrator serve` nodes on one
// azure-storage task hub in Azurite (4 partitions; runs of three ~300 ms phases), each against the 1-node figure of this
// run; then the time from a kill -9 of one of 3 nodes to the last of its orphaned runs resuming on a survivor, with the
// default lease and visibility timeouts. The CPU shares of Azurite, of the nodes and of the whole machine are printed
// beside each figure: on one 2-core machine the nodes share the cores with the emulator (one Node.js thread) and with
// everything else running, so more nodes there cannot show more throughput than those allow.
const int Runs = 90;
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
var ct = timeout.Token;
using var root = new TempDirectory("orch-bench-scaleout-");
await using var azurite = await AzuriteProcess.StartAsync(RepoPaths.AzuriteExecutable, root.Combine("azurite"), TimeSpan.FromSeconds(60));
Console.WriteLine(Invariant($"{Runs} runs of 3 phases x 300 ms per figure, 4 partitions, {Environment.ProcessorCount} cores; CPU = share of one core (of the machine): Azurite, the nodes with their plugin processes, the whole machine (every process)"));
Console.WriteLine($"{"nodes",5} {"runs/s",8} {"vs 1 node",10} {"Azurite CPU",14} {"nodes CPU",14} {"machine CPU",14}");
double? baseline = null;
foreach (var count in new[] { 1, 2, 3 })
{
    await using var cluster = new ServeCluster(azurite.ConnectionString, $"bench{count}", root.Combine($"n{count}"), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
    var nodes = await cluster.StartAsync(Enumerable.Range(1, count).Select(i => $"node-{i}"), TimeSpan.FromSeconds(120));
    await StartAndWaitAsync(cluster, nodes, "warm", 3 * count, ct);
    var cpuBefore = (Azurite: ProcessCpu.Of(azurite.ProcessId), Nodes: NodesCpu(nodes), Machine: ProcessCpu.Machine());
    var clock = Stopwatch.StartNew();
    await StartAndWaitAsync(cluster, nodes, "run", Runs, ct);
    var elapsed = clock.Elapsed;
    var rate = Runs / elapsed.TotalSeconds;
    baseline ??= rate;
    Console.WriteLine(Invariant(
        $"{count,5} {rate,8:0.00} {rate / baseline,9:0.00}x {Share(ProcessCpu.Of(azurite.ProcessId) - cpuBefore.Azurite, elapsed),14} {Share(NodesCpu(nodes) - cpuBefore.Nodes, elapsed),14} {Share(ProcessCpu.Machine() - cpuBefore.Machine, elapsed),14}"));
}

await MeasureKillAsync(azurite, root, ct);

static async Task MeasureKillAsync(AzuriteProcess azurite, TempDirectory root, CancellationToken ct)
{
    await using var cluster = new ServeCluster(azurite.ConnectionString, "benchkill", root.Combine("kill"), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
    var nodes = await cluster.StartAsync(["node-1", "node-2", "node-3"], TimeSpan.FromSeconds(120));
    await StartAsync(nodes, "kill", Runs, ct);
    var victim = nodes[0];
    await Eventually.TrueAsync(
        () => PhaseJournal.Read(cluster.Journal).Count(e => e.Node == victim.WorkerId && !e.Done) >= 3,
        TimeSpan.FromSeconds(120),
        $"{victim.WorkerId} ran no phase");
    var killedAt = DateTimeOffset.UtcNow;
    var cpuBefore = ProcessCpu.Of(azurite.ProcessId);
    await victim.KillAsync();
    var clock = Stopwatch.StartNew();
    var survivors = nodes.Skip(1).ToList();
    var before = PhaseJournal.Read(cluster.Journal);
    var finished = before.Where(e => e.Done && e.Phase == ServeCluster.Phases[^1]).Select(e => e.RunId).ToHashSet();
    var orphans = before.Where(e => e.Node == victim.WorkerId && !finished.Contains(e.RunId)).Select(e => e.RunId).ToHashSet();
    await cluster.WaitForCompletedAsync(survivors, "kill-", Runs, TimeSpan.FromMinutes(10), ct);
    var elapsed = clock.Elapsed;
    var resumed = PhaseJournal.Read(cluster.Journal)
        .Where(e => orphans.Contains(e.RunId) && e.Node != victim.WorkerId && !e.Done && e.Time > killedAt)
        .GroupBy(e => e.RunId)
        .Select(g => g.Min(e => e.Time) - killedAt)
        .ToList();
    Console.WriteLine(Invariant(
        $"kill -9 of 1 of 3 nodes (lease 30 s, visibility 60 s, the defaults): {orphans.Count} orphaned runs; first resumed after {resumed.Min().TotalSeconds:0.0} s, last after {resumed.Max().TotalSeconds:0.0} s (expected at most about visibility + polling); all {Runs} runs done {elapsed.TotalSeconds:0.0} s after the kill; Azurite CPU {Share(ProcessCpu.Of(azurite.ProcessId) - cpuBefore, elapsed)}"));
}

static async Task StartAndWaitAsync(ServeCluster cluster, IReadOnlyList<ServeNode> nodes, string prefix, int runs, CancellationToken ct)
{
    await StartAsync(nodes, prefix, runs, ct);
    await cluster.WaitForCompletedAsync(nodes, prefix + "-", runs, TimeSpan.FromMinutes(10), ct);
}

static async Task StartAsync(IReadOnlyList<ServeNode> nodes, string prefix, int runs, CancellationToken ct) =>
    await Task.WhenAll(Enumerable.Range(0, runs).Select(async i =>
    {
        using var response = await nodes[i % nodes.Count].Client.PutAsync($"/api/runs/{prefix}-{i}", JsonContent.Create(new { plugin = ServeCluster.Plugin }), ct);
        response.EnsureSuccessStatusCode();
    }));

static TimeSpan NodesCpu(IEnumerable<ServeNode> nodes) =>
    nodes.Aggregate(TimeSpan.Zero, (sum, node) => sum + ProcessCpu.Of(node.Process.Id, children: true));

static string Share(TimeSpan cpu, TimeSpan wall) =>
    Invariant($"{cpu / wall * 100,5:0}% ({cpu / wall / Environment.ProcessorCount * 100:0}%)");

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
