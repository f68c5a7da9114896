using Microsoft.Extensions.Logging;

namespace Orchestrator.Cli;

/// <summary>The CLI's log messages (event ids 8000–8099).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 8000, Level = LogLevel.Information, Message = "Orchestrator API listening on {Addresses} (sidecar {Sidecar}; API keys {Keys})")]
    public static partial void ServerListening(this ILogger logger, string addresses, string sidecar, string keys);
}
