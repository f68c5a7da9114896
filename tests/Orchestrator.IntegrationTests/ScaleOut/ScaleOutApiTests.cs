using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestrator.IntegrationTests.Engine;

namespace Orchestrator.IntegrationTests.ScaleOut;

/// <summary>
/// The REST API of three real <c>orchestrator serve</c> nodes on one azure-storage task hub (docs/scale-out.md): the
/// same idempotent PUT sent to every node at once starts one run, different bodies one run and 409s; a run started on one
/// node is approved, terminated and purged through the others; a second node with a worker id in use is refused.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class ScaleOutApiTests(AzuriteFixture azurite) : IAsyncDisposable
{
    private const int Ids = 15;
    private const string Gated = "gated";

    private readonly TempDirectory _root = new("orch-scaleout-api-");
    private ServeCluster? _cluster;
    private string _taskHub = string.Empty;

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _root.Dispose();
    }

    [Fact]
    public async Task PutRace_FromThreeNodesAtOnce_SameBodyStartsOneRunAndDifferentBodiesConflict()
    {
        var ct = TestContext.Current.CancellationToken;
        var nodes = await StartClusterAsync("race");

        var same = await Task.WhenAll(Enumerable.Range(0, Ids).SelectMany(i => nodes.Select(n => PutAsync(n, $"same-{i}", new { plugin = ServeCluster.Plugin, input = new { n = i } }, ct))));
        var different = await Task.WhenAll(Enumerable.Range(0, Ids).SelectMany(i => nodes.Select((n, k) => PutAsync(n, $"diff-{i}", new { plugin = ServeCluster.Plugin, input = new { node = k } }, ct))));

        foreach (var group in same.GroupBy(r => r.RunId))
        {
            group.Count(r => r.Status == HttpStatusCode.Created).ShouldBe(1, $"{group.Key}: {Describe(group)}");
            group.Count(r => r.Status == HttpStatusCode.OK).ShouldBe(nodes.Count - 1, $"{group.Key}: {Describe(group)}");
        }

        foreach (var group in different.GroupBy(r => r.RunId))
        {
            group.Count(r => r.Status == HttpStatusCode.Created).ShouldBe(1, $"{group.Key}: {Describe(group)}");
            group.Count(r => r.Status == HttpStatusCode.Conflict).ShouldBe(nodes.Count - 1, $"{group.Key}: {Describe(group)}");
        }

        // One run per id, each run once: the one its 201 answered, and each of its phases ran one time.
        await _cluster!.WaitForCompletedAsync([nodes[2]], "same-", Ids, TimeSpan.FromMinutes(3), ct);
        await _cluster.WaitForCompletedAsync([nodes[0]], "diff-", Ids, TimeSpan.FromMinutes(3), ct);
        (await ListAsync(nodes[1], ct)).Count.ShouldBe(2 * Ids);
        var executions = PhaseJournal.Read(_cluster.Journal).Where(e => !e.Done).GroupBy(e => (e.RunId, e.Phase)).ToList();
        executions.Count.ShouldBe(2 * Ids * ServeCluster.Phases.Count);
        _cluster.RepeatedPhases(g => g.Count() != 1).ShouldBeEmpty("a duplicate start ran");
        foreach (var winner in different.Where(r => r.Status == HttpStatusCode.Created))
        {
            var stored = await nodes[0].Client.GetFromJsonAsync<JsonElement>($"/api/runs/{winner.RunId}", ct);
            stored.GetProperty("created_at").GetString().ShouldBe(winner.Body.GetProperty("created_at").GetString(), $"{winner.RunId} is the run its 201 created");
        }
    }

    [Fact]
    public async Task RunStartedOnOneNode_ApprovedTerminatedAndPurgedThroughTheOthers()
    {
        var ct = TestContext.Current.CancellationToken;
        GatePlugin.Write(_root.Combine("plugins"), Gated);
        var nodes = await StartClusterAsync("anynode");

        (await PutAsync(nodes[0], "approve-me", new { plugin = Gated }, ct)).Status.ShouldBe(HttpStatusCode.Created);
        (await PutAsync(nodes[0], "stop-me", new { plugin = Gated }, ct)).Status.ShouldBe(HttpStatusCode.Created);
        await Eventually.TrueAsync(
            async () => (await Task.WhenAll(nodes.Select(n => WaitingForAsync(n, "approve-me", ct)))).All(w => w == "publish"),
            TimeSpan.FromSeconds(90),
            "approve-me is not waiting for approval of 'publish' as seen from every node");

        using (var approve = await nodes[1].Client.PostAsync("/api/runs/approve-me/approve", JsonContent.Create(new { phase = "publish" }), ct))
        {
            approve.IsSuccessStatusCode.ShouldBeTrue(await approve.Content.ReadAsStringAsync(ct));
        }

        using (var terminate = await nodes[2].Client.PostAsync("/api/runs/stop-me/terminate", JsonContent.Create(new { reason = "test" }), ct))
        {
            terminate.IsSuccessStatusCode.ShouldBeTrue(await terminate.Content.ReadAsStringAsync(ct));
        }

        await Eventually.TrueAsync(
            async () => await StatusAsync(nodes[2], "approve-me", ct) == "completed" && await StatusAsync(nodes[0], "stop-me", ct) == "terminated",
            TimeSpan.FromSeconds(90),
            "approve-me did not complete, or stop-me was not terminated");

        using (var purge = await nodes[1].Client.DeleteAsync("/api/runs/stop-me", ct))
        {
            purge.IsSuccessStatusCode.ShouldBeTrue(await purge.Content.ReadAsStringAsync(ct));
        }

        foreach (var node in nodes)
        {
            using var gone = await node.Client.GetAsync("/api/runs/stop-me", ct);
            gone.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"stop-me after the purge, from {node.WorkerId}");
        }
    }

    [Fact]
    public async Task SecondNode_WorkerIdInUse_RefusesToStartSayingWhatToDo()
    {
        var nodes = await StartClusterAsync("twin", "twin");

        await using var second = _cluster!.Start("twin");
        var exitCode = await second.WaitForExitCodeAsync(TimeSpan.FromSeconds(120));

        exitCode.ShouldNotBe(0, second.Output);
        var refusal = RefusalLine().Match(second.Output);
        refusal.Success.ShouldBeTrue(second.Output);
        refusal.Groups["pid"].Value.ShouldBe(nodes[0].Process.Id.ToString(CultureInfo.InvariantCulture), "the message names the process holding the id");

        // The message docs/scale-out.md shows, with this test's id, task hub, process and machine.
        var shown = DocPages.CodeBlockAfter("scale-out.md", "<!-- worker-id-refused -->").Trim()
            .Replace("'node-1'", "'twin'", StringComparison.Ordinal)
            .Replace("'orchestrator'", $"'{_taskHub}'", StringComparison.Ordinal)
            .Replace("process 4242 on build-7", $"process {refusal.Groups["pid"].Value} on {Environment.MachineName}", StringComparison.Ordinal);
        refusal.Value.ShouldBe(shown);
        (await ListAsync(nodes[0], TestContext.Current.CancellationToken)).ShouldBeEmpty("the first node still answers");
    }

    private static string Describe(IEnumerable<PutResult> results) => string.Join("; ", results.Select(r => $"{r.Node}: {(int)r.Status} {r.Body}"));

    private async Task<IReadOnlyList<ServeNode>> StartClusterAsync(string prefix, params string[] workerIds)
    {
        _taskHub = azurite.NewTaskHub(prefix);
        _cluster = new ServeCluster(azurite.ConnectionString, _taskHub, _root.Path, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30));
        return await _cluster.StartAsync(workerIds.Length > 0 ? workerIds : ["node-a", "node-b", "node-c"], TimeSpan.FromSeconds(120));
    }

    private static async Task<PutResult> PutAsync(ServeNode node, string runId, object body, CancellationToken ct)
    {
        using var response = await node.Client.PutAsync($"/api/runs/{runId}", JsonContent.Create(body), ct);
        return new PutResult(node.WorkerId, runId, response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(ct));
    }

    private static async Task<string?> StatusAsync(ServeNode node, string runId, CancellationToken ct) =>
        (await node.Client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}", ct)).GetProperty("status").GetString();

    private static async Task<string?> WaitingForAsync(ServeNode node, string runId, CancellationToken ct)
    {
        var run = await node.Client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}", ct);
        return run.GetProperty("progress") is { ValueKind: JsonValueKind.Object } progress && progress.TryGetProperty("waiting_for_approval", out var phase)
            ? phase.GetString()
            : null;
    }

    private static async Task<IReadOnlyList<(string RunId, string? Status)>> ListAsync(ServeNode node, CancellationToken ct)
    {
        var page = await node.Client.GetFromJsonAsync<JsonElement>("/api/runs?page_size=500", ct);
        return [.. page.GetProperty("runs").EnumerateArray().Select(r => (r.GetProperty("run_id").GetString()!, r.GetProperty("status").GetString()))];
    }

    [GeneratedRegex(@"worker id 'twin' is in use on task hub .*\(process (?<pid>\d+) on .*$", RegexOptions.Multiline)]
    private static partial Regex RefusalLine();

    private sealed record PutResult(string Node, string RunId, HttpStatusCode Status, JsonElement Body);
}
