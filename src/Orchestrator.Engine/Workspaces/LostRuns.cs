using Orchestrator.Engine.Runs;

namespace Orchestrator.Engine.Workspaces;

/// <summary>
/// What became of a run no backend knows, when its workspace's marker says (docs/running-workflows.md#crashes-and-resuming):
/// it was lost with the in-memory backend when its process stopped, or it lives in the memory of another process.
/// </summary>
public static class LostRuns
{
    /// <summary>Why <paramref name="runId"/> is not found here, or null when no marker of an in-memory run says.</summary>
    public static string? Explain(WorkspaceLayout workspaces, string runId)
    {
        ArgumentNullException.ThrowIfNull(workspaces);
        if (RunIds.Problem(runId) is not null)
        {
            return null;
        }

        var workspace = workspaces.RunDirectory(runId);
        var removed = !Directory.Exists(workspace);
        var marker = RunMarker.TryRead(removed ? workspaces.LostRunMarker(runId) : RunMarker.PathIn(workspace));
        if (marker is not { IsMemory: true })
        {
            return null;
        }

        if (marker.Owner != OwnerProcess.Current && marker.Owner.IsRunning())
        {
            return $"run '{runId}' is kept by the in-memory backend of {marker.Who}, another process: only that process knows it, " +
                "and the run is lost when that process stops; the default sqlite backend keeps runs where every process finds them";
        }

        var workspaceNote = removed ? "; its workspace has been removed" : string.Empty;
        return $"run '{runId}' was lost with the in-memory backend when its process, {marker.Who}, stopped: that backend keeps runs " +
            $"only while their process runs{workspaceNote}. The default sqlite backend keeps runs, and 'orchestrator run --resume RUN_ID' " +
            "continues one that was interrupted there";
    }
}
