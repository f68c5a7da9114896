using Microsoft.Extensions.Logging;

namespace Orchestrator.Sidecar;

/// <summary>Log messages of the sidecar (event ids 5000–5099; scale-out 7100–7199).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Sidecar listening on {Address} (backend {Backend}; {Durability})")]
    public static partial void Listening(this ILogger logger, string address, string backend, string durability);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Sidecar is listening on {Host}, which is not a loopback address: the Durable Task gRPC protocol has no authentication, so anyone who can reach this port can run and read workflows")]
    public static partial void NotLoopback(this ILogger logger, string host);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Debug, Message = "Task hub '{TaskHub}' is ready in Azure Storage")]
    public static partial void TaskHubReady(this ILogger logger, string taskHub);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Worker disconnected with {Count} work item(s) in flight; they were abandoned and will be redelivered")]
    public static partial void AbandonedOnDisconnect(this ILogger logger, int count);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Could not renew the lock of a {WorkItemType}; it may be redelivered")]
    public static partial void LockRenewalFailed(this ILogger logger, string workItemType, Exception exception);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "The backend did not stop cleanly")]
    public static partial void BackendStopFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "A second worker ({Peer}) tried to connect and was refused: one worker per sidecar; scale out with sidecar + worker pairs sharing an azure-storage task hub")]
    public static partial void SecondWorkerRejected(this ILogger logger, string peer);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Debug, Message = "Dropped work for orchestration instance '{InstanceId}' ({Events}): the instance does not exist (it was purged, or never started)")]
    public static partial void DroppedOrphanedWork(this ILogger logger, string instanceId, string events);

    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "Worker id '{WorkerId}' is held by {Holder}; waiting up to {Lease} for its claim to lapse (a node that was stopped or killed), or refusing to start if it is renewed")]
    public static partial void WaitingForWorkerId(this ILogger logger, string workerId, string holder, TimeSpan lease);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Critical, Message = "Worker id '{WorkerId}' was taken by another process while this one could not renew its claim; stopping, so that two nodes never own partitions under one name")]
    public static partial void WorkerIdLost(this ILogger logger, string workerId, Exception exception);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Could not renew the claim of worker id '{WorkerId}'; retrying")]
    public static partial void WorkerIdRenewalFailed(this ILogger logger, string workerId, Exception exception);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Warning, Message = "Could not give up worker id '{WorkerId}'; a node started with it waits until the claim lapses")]
    public static partial void WorkerIdReleaseFailed(this ILogger logger, string workerId, Exception exception);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Information, Message = "Node '{WorkerId}' joined task hub '{TaskHub}' ({Nodes} node(s) running, {Partitions} partition(s))")]
    public static partial void JoinedTaskHub(this ILogger logger, string workerId, string taskHub, int nodes, int partitions);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Warning, Message = "Task hub '{TaskHub}' has {Partitions} partition(s) and now {Nodes} node(s): a node beyond the partition count runs activities but no orchestrations; raise Sidecar:Partitions (the same on every node, before the hub is created)")]
    public static partial void MoreNodesThanPartitions(this ILogger logger, string taskHub, int nodes, int partitions);
}
