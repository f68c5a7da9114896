using Microsoft.DurableTask.Client;
using Orchestrator.Engine.Orchestrations;

namespace Orchestrator.Engine.Runs;

/// <summary>Mapping durable instance metadata to run records.</summary>
public sealed partial class RunService
{
    internal static RunRecord ToRecord(OrchestrationMetadata metadata)
    {
        var status = ToStatus(metadata.RuntimeStatus);
        return new RunRecord
        {
            RunId = metadata.InstanceId,
            Kind = metadata.Name,
            Status = status,
            CreatedAt = metadata.CreatedAt,
            LastUpdatedAt = metadata.LastUpdatedAt,
            Progress = metadata.SerializedCustomStatus is null ? null : metadata.ReadCustomStatusAs<RunProgress>(),
            Output = status == RunStatus.Completed && metadata.SerializedOutput is not null ? metadata.ReadOutputAs<RunOutput>() : null,
            Failure = status == RunStatus.Failed ? metadata.FailureDetails?.ErrorMessage ?? "failed" : null,
        };
    }

    internal static RunStatus ToStatus(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => RunStatus.Pending,
        OrchestrationRuntimeStatus.Running => RunStatus.Running,
        OrchestrationRuntimeStatus.Suspended => RunStatus.Suspended,
        OrchestrationRuntimeStatus.Completed => RunStatus.Completed,
        OrchestrationRuntimeStatus.Failed => RunStatus.Failed,
        _ => RunStatus.Terminated,
    };

    internal static IEnumerable<OrchestrationRuntimeStatus> ToRuntime(RunStatus status) => status switch
    {
        RunStatus.Pending => [OrchestrationRuntimeStatus.Pending],
        RunStatus.Running => [OrchestrationRuntimeStatus.Running],
        RunStatus.Suspended => [OrchestrationRuntimeStatus.Suspended],
        RunStatus.Completed => [OrchestrationRuntimeStatus.Completed],
        RunStatus.Failed => [OrchestrationRuntimeStatus.Failed],
        _ => [OrchestrationRuntimeStatus.Terminated],
    };
}
