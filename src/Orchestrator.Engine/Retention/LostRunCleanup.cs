using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Engine.Workspaces;

namespace Orchestrator.Engine.Retention;

/// <summary>
/// In a process whose embedded sidecar is on the in-memory backend, at start and every
/// <see cref="EngineOptions.CleanupInterval"/>: removes the workspaces of runs lost with that backend: the
/// runs a <see cref="MemoryRunLedger"/> of a process that no longer runs records, which started longer than
/// <see cref="EngineOptions.Retention"/> ago — the time a durable backend keeps a finished run's workspace, so the
/// artifacts of a memory run that completed are there as long (docs/running-workflows.md#crashes-and-resuming).
/// A workspace no ledger records, a live owner's, or one a durable run took the id of since is never touched. A ledger
/// is deleted <see cref="EngineOptions.Retention"/> after the workspace of its last run could go, so a look-up of the
/// run says it was lost until then.
/// </summary>
public sealed class LostRunCleanup(
    WorkspaceLayout workspaces, IOptions<EngineOptions> options, TimeProvider time, ILogger<LostRunCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!RunMarker.IsMemoryBackend(options.Value.Backend))
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.CleanupInterval, time);
        do
        {
            try
            {
                var removed = await Task.Run(() => RemoveLost(stoppingToken), stoppingToken);
                if (removed.Count > 0)
                {
                    logger.LostRunCleanupPass(removed.Count);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                logger.LostRunCleanupFailed(ex, workspaces.RunsDirectory, options.Value.CleanupInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass; returns the run ids whose workspaces were removed.</summary>
    public IReadOnlyList<string> RemoveLost(CancellationToken cancellationToken)
    {
        var removed = new List<string>();
        var directory = workspaces.MemoryRunsDirectory;
        var before = time.GetUtcNow() - options.Value.Retention;
        var recorded = new HashSet<string>(StringComparer.Ordinal);

        foreach (var ledger in MemoryRunLedger.ReadAll(directory, owner => owner.IsMemory))
        {
            cancellationToken.ThrowIfCancellationRequested();

            // A process that still runs keeps its runs: its records only keep the claims on their ids.
            if (ledger.Owner.Owner.IsRunning())
            {
                recorded.UnionWith(ledger.Runs.Keys);
                continue;
            }

            foreach (var run in ledger.Runs.Values.Where(r => r.Live && r.At <= before))
            {
                try
                {
                    if (TryRemove(run, ledger.Owner))
                    {
                        removed.Add(run.RunId);
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // One workspace that cannot be removed (a file of another user, a busy mount) keeps no other.
                    logger.LostRunCleanupFailed(ex, workspaces.RunDirectory(run.RunId), options.Value.CleanupInterval);
                }
            }

            // Kept the retention time again after its last run's workspace went, so a look-up still says the run was lost.
            if (ledger.Written <= before - options.Value.Retention)
            {
                File.Delete(ledger.Path);
            }
            else
            {
                recorded.UnionWith(ledger.Runs.Keys);
            }
        }

        MemoryRunLedger.ForgetClaims(directory, recorded);
        workspaces.CompactMemoryRuns();
        return removed;
    }

    private bool TryRemove(LedgerRun run, RunMarker owner)
    {
        // A durable run that took the id since owns the workspace now.
        var workspace = workspaces.RunDirectory(run.RunId);
        if (!Directory.Exists(workspace) || new DirectoryInfo(workspace).LinkTarget is not null
            || MemoryRunLedger.ClaimedAt(workspaces.MemoryRunsDirectory, run.RunId) >= run.At)
        {
            return false;
        }

        Directory.Delete(workspace, recursive: true);
        Payloads.SharedContextStore.Forget(workspace);
        logger.LostWorkspaceRemoved(run.RunId, workspace, owner.Who);
        return true;
    }
}
