using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orchestrator.Testing;

/// <summary>
/// Several <c>orchestrator serve</c> nodes on one azure-storage task hub, as docs/scale-out.md sets them up: one storage
/// account (Azurite), one data directory and plugin directory for all, each node with its own <c>--worker-id</c>. The
/// plugin <see cref="Plugin"/> has three phases of about 300 ms that write to <see cref="Journal"/> which node ran them.
/// Every node is killed (by PID, whole tree) on dispose.
/// </summary>
internal sealed class ServeCluster : IAsyncDisposable
{
    /// <summary>The name of the plugin the cluster's nodes serve.</summary>
    public const string Plugin = "slow";

    /// <summary>The phases of <see cref="Plugin"/>, in order.</summary>
    public static readonly IReadOnlyList<string> Phases = ["one", "two", "three"];

    private readonly string _connectionString;
    private readonly string _taskHub;
    private readonly string _root;
    private readonly TimeSpan _leaseTimeout;
    private readonly TimeSpan _visibilityTimeout;
    private readonly List<ServeNode> _nodes = [];

    /// <param name="root">A directory of the caller's; the cluster's data, plugins and journal go in it.</param>
    /// <param name="leaseTimeout">Partition lease timeout: how soon a dead node's partitions move.</param>
    /// <param name="visibilityTimeout">Queue visibility timeout: how soon the messages a dead node had taken come back.</param>
    public ServeCluster(string connectionString, string taskHub, string root, TimeSpan leaseTimeout, TimeSpan visibilityTimeout)
    {
        _connectionString = connectionString;
        _taskHub = taskHub;
        _root = root;
        _leaseTimeout = leaseTimeout;
        _visibilityTimeout = visibilityTimeout;
        Journal = Path.Combine(root, "journal.txt");
        WritePlugin(Path.Combine(root, "plugins"), Journal);
    }

    /// <summary>Lines "RUN PHASE NODE start|done UNIX-TIME", appended by every phase execution when it starts and ends.</summary>
    public string Journal { get; }

    /// <summary>Partitions of the task hub.</summary>
    public int Partitions { get; init; } = 4;

    public IReadOnlyList<ServeNode> Nodes => _nodes;

    /// <summary>Starts one node per id at once and waits until each listens.</summary>
    public async Task<IReadOnlyList<ServeNode>> StartAsync(IEnumerable<string> workerIds, TimeSpan deadline)
    {
        var started = await Task.WhenAll(workerIds.Select(id => ServeNode.ConnectAsync(id, Start(id), deadline)));
        _nodes.AddRange(started);
        return started;
    }

    /// <summary>Starts a node process without waiting for it (its output says whether it started).</summary>
    public ChildProcess Start(string workerId)
    {
        var environment = new Dictionary<string, string>
        {
            ["XDG_DATA_HOME"] = Path.Combine(_root, "home-" + workerId, "data"),
            ["XDG_CONFIG_HOME"] = Path.Combine(_root, "home-" + workerId, "config"),
            ["ORCHESTRATOR_SIDECAR__PARTITIONS"] = Partitions.ToString(CultureInfo.InvariantCulture),
            ["ORCHESTRATOR_SIDECAR__LEASETIMEOUT"] = _leaseTimeout.ToString("c", CultureInfo.InvariantCulture),
            ["ORCHESTRATOR_SIDECAR__VISIBILITYTIMEOUT"] = _visibilityTimeout.ToString("c", CultureInfo.InvariantCulture),
            ["ORCHESTRATOR_SIDECAR__POLLINGINTERVAL"] = "00:00:00.500",

            // The journal is outside every run's workspace, which the sandbox forbids (docs/process-protocol.md#sandbox).
            ["ORCHESTRATOR_PLUGINS__SANDBOX"] = "off",
            ["NODE"] = workerId,
        };
        return ChildProcess.StartDotnet(
            RepoPaths.CliDll,
            [
                "serve", "--urls", "http://127.0.0.1:0", "--data-dir", Path.Combine(_root, "data"), "--plugins", Path.Combine(_root, "plugins"),
                "--backend", "azure-storage", "--connection", _connectionString, "--task-hub", _taskHub, "--worker-id", workerId,
            ],
            environment,
            _root);
    }

    /// <summary>The plugin: each phase appends "RUN PHASE NODE start TIME", sleeps 300 ms, appends "… done TIME" and answers its name.</summary>
    public static void WritePlugin(string pluginsDirectory, string journal)
    {
        ScriptPlugin.Write(pluginsDirectory, Plugin, """
              - name: one
                order: 1
              - name: two
                order: 2
              - name: three
                order: 3
            """, "\"one\",\"two\",\"three\"", $$"""
                echo "$ORCHESTRATOR_RUN_ID $2 $NODE start $EPOCHREALTIME" >> '{{journal}}'
                sleep 0.3
                echo "$ORCHESTRATOR_RUN_ID $2 $NODE done $EPOCHREALTIME" >> '{{journal}}'
                echo "{\"output\":\"$2 on $NODE\"}"
            """);
        var manifest = Path.Combine(pluginsDirectory, Plugin, "plugin.yaml");
        File.WriteAllText(manifest, File.ReadAllText(manifest).TrimEnd() + "\nresource_spec:\n  environment_vars: [NODE]\n");
    }

    /// <summary>
    /// Waits until <paramref name="expected"/> runs whose ids start with <paramref name="prefix"/> have completed, asking
    /// <paramref name="nodes"/> in turn. The journal is read first: the API is asked (listing runs is costly for the
    /// emulator, which bounds what is measured) only once every phase has ended there.
    /// </summary>
    /// <exception cref="InvalidOperationException">A run failed or was terminated.</exception>
    /// <exception cref="TimeoutException">Not all completed within <paramref name="deadline"/>; says how many did.</exception>
    public async Task WaitForCompletedAsync(IReadOnlyList<ServeNode> nodes, string prefix, int expected, TimeSpan deadline, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var completed = 0;
        for (var poll = 0; ; poll++)
        {
            var phasesDone = PhaseJournal.Read(Journal).Where(e => e.Done && e.RunId.StartsWith(prefix, StringComparison.Ordinal)).Select(e => (e.RunId, e.Phase)).Distinct().Count();
            if (phasesDone >= expected * Phases.Count)
            {
                var node = nodes[poll % nodes.Count];
                var stopped = await RunIdsAsync(node, "failed,terminated", prefix, ct);
                if (stopped.Count > 0)
                {
                    throw new InvalidOperationException($"runs failed or were terminated: {string.Join(", ", stopped)}");
                }

                completed = (await RunIdsAsync(node, "completed", prefix, ct)).Count;
                if (completed >= expected)
                {
                    return;
                }
            }

            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException(
                    $"{completed} of {expected} runs completed ({phasesDone} phases ended) within {deadline.TotalSeconds:0} s; nodes said:{Environment.NewLine}" +
                    string.Join(Environment.NewLine, nodes.Select(n => $"--- {n.WorkerId}{Environment.NewLine}{n.Process.Output}")));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    /// <summary>The phases that ran more than once, each with the node and time of every execution, for a failure message.</summary>
    public IReadOnlyList<string> RepeatedPhases(Func<IGrouping<(string RunId, string Phase), PhaseJournal>, bool> repeated) =>
        [.. PhaseJournal.Read(Journal).Where(e => !e.Done).GroupBy(e => (e.RunId, e.Phase)).Where(repeated)
            .Select(g => $"{g.Key.RunId}/{g.Key.Phase}: {string.Join(", ", g.Select(e => $"{e.Node} at {e.Time:HH:mm:ss.fff}"))}")];

    private static async Task<IReadOnlyList<string>> RunIdsAsync(ServeNode node, string statuses, string prefix, CancellationToken ct)
    {
        var page = await node.Client.GetFromJsonAsync<JsonElement>($"/api/runs?status={statuses}&page_size=500", ct);
        return [.. page.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("run_id").GetString()!).Where(id => id.StartsWith(prefix, StringComparison.Ordinal))];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }
}
