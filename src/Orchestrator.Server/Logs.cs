using Microsoft.Extensions.Logging;

namespace Orchestrator.Server;

/// <summary>The server's log messages (event ids 7000–7099).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Error, Message = "Unhandled error in {Method} {Path}")]
    public static partial void UnhandledError(this ILogger logger, string method, string path, Exception exception);
}
