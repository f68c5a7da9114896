using Microsoft.DurableTask.Client;
using Orchestrator.Engine.Orchestrations;

namespace Orchestrator.Engine.Runs;

/// <summary>The retention purge: finished runs older than their retention go, with their workspaces.</summary>
public sealed partial class RunService
{
    /// <summary>Purges every completed, failed or terminated top-level run whose last update is older than its retention.</summary>
    /// <returns>The ids purged.</returns>
    public async Task<IReadOnlyList<string>> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var query = new OrchestrationQuery
        {
            Statuses = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated],
            FetchInputsAndOutputs = true,
            PageSize = 100,
        };
        var expired = new List<(OrchestrationMetadata Metadata, TimeSpan Retention)>();
        var kept = 0;
        await foreach (var metadata in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (IsSchedule(metadata))
            {
                continue; // a stopped schedule: the reconciling of schedules purges it
            }

            if (RetentionOf(metadata) is not { } retention)
            {
                continue; // a workflow step: purged with its workflow run
            }

            if (metadata.LastUpdatedAt + retention <= now)
            {
                expired.Add((metadata, retention));
            }
            else
            {
                kept++;
            }
        }

        var purged = new List<string>();
        foreach (var (metadata, retention) in expired)
        {
            var hadWorkspace = RunIds.Problem(metadata.InstanceId) is null && Directory.Exists(workspaces.RunDirectory(metadata.InstanceId));
            await PurgeFinishedAsync(metadata.InstanceId, cancellationToken);
            logger.RunPurged(metadata.InstanceId, Describe(ToStatus(metadata.RuntimeStatus)), metadata.LastUpdatedAt, retention, hadWorkspace ? "deleted" : "none");
            purged.Add(metadata.InstanceId);
        }

        logger.RetentionPass(purged.Count, kept);
        return purged;
    }

    private TimeSpan? RetentionOf(OrchestrationMetadata metadata)
    {
        var fallback = options.Value.Retention;
        try
        {
            switch (metadata.Name)
            {
                case OrchestrationNames.Run:
                    var run = metadata.ReadInputAs<RunInput>();
                    return run?.ParentRunId is not null ? null : run?.Retention ?? fallback;
                case OrchestrationNames.Workflow:
                    return metadata.ReadInputAs<WorkflowInput>()?.Retention ?? fallback;
                default:
                    return fallback;
            }
        }
        catch (System.Text.Json.JsonException)
        {
            return fallback;
        }
    }
}
