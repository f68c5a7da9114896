using Microsoft.Extensions.Logging;

namespace Orchestrator.Server;

/// <summary>The server's log messages (event ids 7000–7099).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Error, Message = "Unhandled error in {Method} {Path}")]
    public static partial void UnhandledError(this ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Orchestrator API listening on {Addresses} (sidecar {Sidecar}; API keys {Keys})")]
    public static partial void Listening(this ILogger logger, string addresses, string sidecar, string keys);
}
