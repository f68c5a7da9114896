using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Engine.Workspaces;

namespace Orchestrator.Engine.Retention;

/// <summary>
/// In a process whose embedded sidecar is on the in-memory backend, at start and every
/// <see cref="EngineOptions.CleanupInterval"/>: removes the workspaces of runs lost with that backend, those whose
/// marker says <c>memory</c>, whose owning process no longer runs and whose run started longer than
/// <see cref="EngineOptions.Retention"/> ago — the time a durable backend keeps a finished run's workspace, so the
/// artifacts of a memory run that completed are there as long (docs/running-workflows.md#crashes-and-resuming).
/// A workspace without a marker, with a live owner or of a durable backend's run is never touched. The marker of a
/// removed workspace is kept in <see cref="WorkspaceLayout.LostRunsDirectory"/> for <see cref="EngineOptions.Retention"/>,
/// so a look-up of the run still says it was lost.
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
        if (Directory.Exists(workspaces.RunsDirectory))
        {
            foreach (var workspace in Directory.EnumerateDirectories(workspaces.RunsDirectory))
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    if (TryRemove(workspace) is { } runId)
                    {
                        removed.Add(runId);
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // One workspace that cannot be removed (a file of another user, a busy mount) keeps no other.
                    logger.LostRunCleanupFailed(ex, workspace, options.Value.CleanupInterval);
                }
            }
        }

        ForgetOldMarkers();
        return removed;
    }

    private string? TryRemove(string workspace)
    {
        var runId = Path.GetFileName(workspace);
        var markerPath = RunMarker.PathIn(workspace);
        if (Runs.RunIds.Problem(runId) is not null || new DirectoryInfo(workspace).LinkTarget is not null
            || RunMarker.TryRead(markerPath) is not { IsMemory: true } marker || marker.Owner.IsRunning()
            || File.GetLastWriteTimeUtc(markerPath) > time.GetUtcNow().UtcDateTime - options.Value.Retention)
        {
            return null;
        }

        // The marker is moved out first: a process that marks the workspace again meanwhile (a new run of the same id)
        // leaves a different marker behind, and the workspace is kept.
        var kept = workspaces.LostRunMarker(runId);
        Directory.CreateDirectory(workspaces.LostRunsDirectory);
        try
        {
            File.Move(markerPath, kept, overwrite: true);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        if (RunMarker.TryRead(kept) != marker)
        {
            File.Move(kept, markerPath, overwrite: false);
            return null;
        }

        File.SetLastWriteTimeUtc(kept, time.GetUtcNow().UtcDateTime);
        Directory.Delete(workspace, recursive: true);
        Payloads.SharedContextStore.Forget(workspace);
        logger.LostWorkspaceRemoved(runId, workspace, marker.Who);
        return runId;
    }

    private void ForgetOldMarkers()
    {
        if (!Directory.Exists(workspaces.LostRunsDirectory))
        {
            return;
        }

        var before = time.GetUtcNow().UtcDateTime - options.Value.Retention;
        foreach (var file in Directory.EnumerateFiles(workspaces.LostRunsDirectory, "*.json"))
        {
            if (File.GetLastWriteTimeUtc(file) < before)
            {
                File.Delete(file);
            }
        }
    }
}
