using Microsoft.Extensions.Logging;

namespace Orchestrator.Storage.Sqlite;

/// <summary>Log messages of the SQLite storage provider (event ids 8000–8099).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 8000, Level = LogLevel.Debug, Message = "SQLite store {Path} opened (schema version {Version}, synchronous {Synchronous})")]
    public static partial void Opened(this ILogger logger, string path, int version, SqliteSynchronousMode synchronous);

    [LoggerMessage(EventId = 8001, Level = LogLevel.Debug, Message = "Dropped a {EventType} message for instance '{InstanceId}': {Reason}")]
    public static partial void DroppedMessage(this ILogger logger, string eventType, string instanceId, string reason);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Warning, Message = "The lock of {WorkItem} was lost before it was {Action}; another holder has it or it expired")]
    public static partial void LockLost(this ILogger logger, string workItem, string action);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Warning, Message = "Sub-orchestration '{InstanceId}' was not started: an instance with that id is still {Status}")]
    public static partial void SubOrchestrationExists(this ILogger logger, string instanceId, string status);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Information, Message = "Purged {Count} instance(s) from {Path}")]
    public static partial void Purged(this ILogger logger, int count, string path);
}
