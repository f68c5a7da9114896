using Orchestrator.Engine.Runs;

namespace Orchestrator.Engine.Workspaces;

/// <summary>
/// What became of a run no backend knows, when a process's <see cref="MemoryRunLedger"/> says (docs/running-workflows.md#crashes-and-resuming):
/// it was lost with the in-memory backend when its process stopped, or it lives in the memory of another process.
/// </summary>
public static class LostRuns
{
    /// <summary>Why <paramref name="runId"/> is not found here, or null when no ledger of an in-memory run says.</summary>
    public static string? Explain(WorkspaceLayout workspaces, string runId)
    {
        ArgumentNullException.ThrowIfNull(workspaces);
        if (RunIds.Problem(runId) is not null)
        {
            return null;
        }

        // This process's own backend knows every run it keeps: one it recorded and does not know was purged.
        if (MemoryRunLedger.Find(workspaces.MemoryRunsDirectory, runId) is not { } found || found.Ledger.Owner.Owner == OwnerProcess.Current)
        {
            return null;
        }

        var marker = found.Ledger.Owner;
        if (marker.Owner.IsRunning())
        {
            return $"run '{runId}' is kept by the in-memory backend of {marker.Who}, another process: only that process knows it, " +
                "and the run is lost when that process stops; the default sqlite backend keeps runs where every process finds them";
        }

        // Past the retention time the lost-run cleanup removes the workspace; a run whose phases wrote no file had none.
        var removed = found.Run.At <= DateTimeOffset.UtcNow - workspaces.Retention && !Directory.Exists(workspaces.RunDirectory(runId));
        var workspaceNote = removed ? "; its workspace has been removed" : string.Empty;
        return $"run '{runId}' was lost with the in-memory backend when its process, {marker.Who}, stopped: that backend keeps runs " +
            $"only while their process runs{workspaceNote}. The default sqlite backend keeps runs, and 'orchestrator run --resume RUN_ID' " +
            "continues one that was interrupted there";
    }
}
