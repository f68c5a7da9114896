using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orchestrator.IntegrationTests.ScaleOut;

/// <summary>
/// Three real <c>orchestrator serve</c> nodes on one azure-storage task hub of 4 partitions in Azurite
/// (docs/scale-out.md): 150 runs of a plugin whose three phases take ~300 ms each are shared between the nodes and every
/// phase runs exactly once; with one node killed (kill -9) after a third of the runs started, every run still completes
/// on the survivors, no phase the task hub held as completed runs again, and the attempts in flight at the kill run at
/// most once more.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ScaleOutTests(AzuriteFixture azurite) : IAsyncDisposable
{
    private const int Runs = 150;

    // Shorter than the defaults (30 s and 60 s), so a dead node's partitions and in-flight messages move sooner; long
    // enough that a node of a loaded 2-core machine renews its leases and locks in time (one that does not loses work in
    // flight to another node, which runs it again: docs/scale-out.md#what-runs-twice).
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan RunsDeadline = TimeSpan.FromMinutes(5);

    private readonly TempDirectory _root = new("orch-scaleout-");
    private ServeCluster? _cluster;

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _root.Dispose();
    }

    [Fact]
    public async Task ThreeNodes_150Runs_EveryPhaseRunsOnceAndTheNodesShareTheWork()
    {
        var ct = TestContext.Current.CancellationToken;
        var nodes = await StartClusterAsync("scale");

        await PutAllAsync(nodes, 0, Runs, ct);

        await _cluster!.WaitForCompletedAsync(nodes, "run-", Runs, RunsDeadline, ct);

        var journal = PhaseJournal.Read(_cluster!.Journal);
        var executions = journal.Where(e => !e.Done).GroupBy(e => (e.RunId, e.Phase)).ToList();
        executions.Count.ShouldBe(Runs * ServeCluster.Phases.Count, "every phase of every run ran");
        _cluster.RepeatedPhases(g => g.Count() != 1).ShouldBeEmpty("each phase ran exactly once");
        journal.Count(e => e.Done).ShouldBe(Runs * ServeCluster.Phases.Count);
        var byNode = journal.Where(e => !e.Done).GroupBy(e => e.Node).ToDictionary(g => g.Key, g => g.Count());
        byNode.Count.ShouldBeGreaterThanOrEqualTo(2, $"phases ran on {string.Join(", ", byNode.Select(p => $"{p.Key}: {p.Value}"))}");

        // Every node answers the same list, and the same run.
        var lists = await Task.WhenAll(nodes.Select(n => ListAsync(n, ct)));
        foreach (var list in lists)
        {
            list.ShouldBe(lists[0]);
        }

        var records = await Task.WhenAll(nodes.Select(n => n.Client.GetStringAsync("/api/runs/run-7", ct)));
        records.Distinct().Count().ShouldBe(1, "GET /api/runs/run-7 answers the same from every node");
    }

    [Fact]
    public async Task ThreeNodes_OneKilledAfterAThirdStarted_EveryRunCompletesAndNoCompletedPhaseRunsAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        var nodes = await StartClusterAsync("kill");
        var victim = nodes[0];
        List<ServeNode> survivors = [.. nodes.Skip(1)];

        await PutAllAsync(nodes, 0, Runs / 3, ct);

        // Kill the node while it has phases in flight.
        await Eventually.TrueAsync(
            () => PhaseJournal.Read(_cluster!.Journal).Any(e => e.Node == victim.WorkerId && !e.Done),
            TimeSpan.FromSeconds(60),
            () => $"node {victim.WorkerId} ran no phase; it said:{Environment.NewLine}{victim.Process.Output}");
        await victim.KillAsync();
        var beforeKill = PhaseJournal.Read(_cluster!.Journal);

        // The phases the task hub holds as completed once the node is dead: those must never run again.
        var recorded = await CompletedPhasesAsync(survivors[0], ct);

        await PutAllAsync(survivors, Runs / 3, Runs, ct);
        await _cluster.WaitForCompletedAsync(survivors, "run-", Runs, RunsDeadline, ct);

        var journal = PhaseJournal.Read(_cluster.Journal);
        var starts = journal.Where(e => !e.Done).GroupBy(e => (e.RunId, e.Phase)).ToList();
        starts.Count.ShouldBe(Runs * ServeCluster.Phases.Count, "every phase of every run ran");
        recorded.Count.ShouldBeGreaterThan(0, "some phases had completed before the kill");
        _cluster.RepeatedPhases(g => recorded.Contains(g.Key) && g.Count() > 1).ShouldBeEmpty("a phase recorded as completed ran again");

        // The attempts in flight when the node died (its own, and those its runs had just scheduled) run at most once more.
        _cluster.RepeatedPhases(g => g.Count() > 2).ShouldBeEmpty("a phase ran more than twice");
        journal.Count(e => e.Node == victim.WorkerId).ShouldBe(beforeKill.Count(e => e.Node == victim.WorkerId), "the killed node ran nothing after the kill");
        var orphans = beforeKill.Where(e => e.Node == victim.WorkerId).Select(e => e.RunId).ToHashSet();
        journal.Any(e => orphans.Contains(e.RunId) && e.Node != victim.WorkerId)
            .ShouldBeTrue("a run the killed node was running continued on a survivor");
    }

    // (run, phase) of every phase the runs' progress lists as completed.
    private static async Task<HashSet<(string RunId, string Phase)>> CompletedPhasesAsync(ServeNode node, CancellationToken ct)
    {
        var page = await node.Client.GetFromJsonAsync<JsonElement>("/api/runs?page_size=500", ct);
        return [.. page.GetProperty("runs").EnumerateArray()
            .Where(r => r.GetProperty("progress").ValueKind == JsonValueKind.Object)
            .SelectMany(r => r.GetProperty("progress").GetProperty("completed").EnumerateArray()
                .Select(c => (r.GetProperty("run_id").GetString()!, c.GetProperty("phase").GetString()!)))];
    }

    private async Task<IReadOnlyList<ServeNode>> StartClusterAsync(string prefix)
    {
        _cluster = new ServeCluster(azurite.ConnectionString, azurite.NewTaskHub(prefix), _root.Path, Lease, Visibility);
        return await _cluster.StartAsync(["node-a", "node-b", "node-c"], StartDeadline);
    }

    // Runs run-FROM … run-(TO-1), a few at a time, spread over the nodes.
    private static Task PutAllAsync(IReadOnlyList<ServeNode> nodes, int from, int to, CancellationToken ct) =>
        Parallel.ForEachAsync(
            Enumerable.Range(from, to - from),
            new ParallelOptions { MaxDegreeOfParallelism = 6, CancellationToken = ct },
            async (i, token) => await PutAsync(nodes[i % nodes.Count], $"run-{i}", token));

    private static async Task PutAsync(ServeNode node, string runId, CancellationToken ct)
    {
        using var response = await node.Client.PutAsync($"/api/runs/{runId}", JsonContent.Create(new { plugin = ServeCluster.Plugin }), ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, $"PUT {runId} on {node.WorkerId}: {await response.Content.ReadAsStringAsync(ct)}");
    }

    // "RUN-ID STATUS" of every run, ordered by id.
    private static async Task<IReadOnlyList<string>> ListAsync(ServeNode node, CancellationToken ct)
    {
        var page = await node.Client.GetFromJsonAsync<JsonElement>("/api/runs?page_size=500", ct);
        return [.. page.GetProperty("runs").EnumerateArray()
            .Select(r => $"{r.GetProperty("run_id").GetString()} {r.GetProperty("status").GetString()}")
            .Order(StringComparer.Ordinal)];
    }
}
