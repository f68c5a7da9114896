using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Engine.Orchestrations;
using Orchestrator.Plugins.Execution;

namespace Orchestrator.Engine.Retention;

/// <summary>
/// Every <see cref="EngineOptions.PluginCollectionInterval"/>: asks the run store which plugin versions the runs that
/// have not ended pin (a plugin run's <see cref="RunInput.Plugin"/>, every step of a workflow run), and lets the catalog
/// unload and delete the snapshots of the replaced versions that none pins (docs/writing-plugins.md#runs-in-flight). The
/// store is the record, so a run that ends on any path (completed, failed, terminated, purged) stops pinning, and a
/// run a crash interrupted keeps pinning after a restart until it ends. A pass that cannot read the store collects
/// nothing.
/// </summary>
public sealed class PluginVersionCollector(
    DurableTaskClient client, PluginCatalog catalog, IOptions<EngineOptions> options, TimeProvider time, ILogger<PluginVersionCollector> logger)
    : BackgroundService
{
    private static readonly List<OrchestrationRuntimeStatus> NotEnded =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.PluginCollectionInterval;
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CollectAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.PluginCollectionFailed(ex, interval);
            }
        }
    }

    /// <summary>One pass; returns the versions collected (name and content hash).</summary>
    public async Task<IReadOnlyList<(string Name, string ContentHash)>> CollectAsync(CancellationToken cancellationToken)
    {
        var pinned = await PinnedAsync(cancellationToken);
        return catalog.Collect(pinned);
    }

    /// <summary>The plugin versions of every run in the store that has not ended.</summary>
    public async Task<IReadOnlyList<PluginIdentity>> PinnedAsync(CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery { Statuses = NotEnded, FetchInputsAndOutputs = true, PageSize = 500 };
        var pinned = new List<PluginIdentity>();
        await foreach (var run in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            // A run whose input cannot be read throws here, and the pass collects nothing rather than guess.
            if (run.Name == OrchestrationNames.Run && run.ReadInputAs<RunInput>() is { } input)
            {
                pinned.Add(input.Plugin);
            }
            else if (run.Name == OrchestrationNames.Workflow && run.ReadInputAs<WorkflowInput>() is { } workflow)
            {
                pinned.AddRange(workflow.Steps.Select(s => s.Plugin));
            }
        }

        return pinned;
    }
}
