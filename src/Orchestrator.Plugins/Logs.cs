using Microsoft.Extensions.Logging;

namespace Orchestrator.Plugins;

/// <summary>Log messages of Orchestrator.Plugins (event ids 3000–3099).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Loaded plugin {Plugin}")]
    public static partial void PluginLoaded(this ILogger logger, string plugin);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Plugin {Path} was not loaded: {Reason}")]
    public static partial void PluginNotLoaded(this ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Unloaded plugin {Plugin}")]
    public static partial void PluginUnloaded(this ILogger logger, string plugin);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Plugins reloaded: {Added} added, {Updated} updated, {Removed} removed, {Problems} not loaded")]
    public static partial void PluginsReloaded(this ILogger logger, int added, int updated, int removed, int problems);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Executable plugins run without a sandbox (Plugins:Sandbox is off): they can read and write whatever this process can, including its environment through /proc; see docs/process-protocol.md#sandbox")]
    public static partial void SandboxOff(this ILogger logger);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Plugin {Plugin} has no snapshot in {Directory}: {Reason}; runs of it cannot continue on it once it is replaced (docs/writing-plugins.md#runs-in-flight)")]
    public static partial void SnapshotFailed(this ILogger logger, string plugin, string directory, string reason);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Loaded plugin {Plugin} from its snapshot {Directory} for the runs pinned to it")]
    public static partial void VersionRestored(this ILogger logger, string plugin, string directory);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Plugin {Plugin} is not current and cannot be loaded from a snapshot: {Reason}")]
    public static partial void SnapshotUnusable(this ILogger logger, string plugin, string reason);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Information, Message = "Collected plugin {Plugin} {Hash}: not current and no run pins it; unloaded and its snapshot deleted")]
    public static partial void VersionCollected(this ILogger logger, string plugin, string hash);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Warning, Message = "Collecting plugin snapshots in {Directory} failed; it is tried again at the next collection")]
    public static partial void CollectionFailed(this ILogger logger, Exception exception, string directory);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "[{Plugin} {Command}] {Line}")]
    public static partial void ProcessStderr(this ILogger logger, string plugin, string command, string line);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "[{Plugin} {Command}] process group {ProcessGroup} did not stop on SIGTERM within {GraceSeconds}s; sending SIGKILL")]
    public static partial void ProcessKilled(this ILogger logger, string plugin, string command, int processGroup, double graceSeconds);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Debug, Message = "Phase {Plugin}/{Phase} attempt {Attempt} starting")]
    public static partial void PhaseStarting(this ILogger logger, string plugin, string phase, int attempt);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Warning, Message = "Phase {Plugin}/{Phase} attempt {Attempt} failed ({Kind}): {Message}")]
    public static partial void PhaseFailed(this ILogger logger, string plugin, string phase, int attempt, string kind, string message);

    [LoggerMessage(EventId = 3030, Level = LogLevel.Debug, Message = "Change under {Path}; reloading plugins after the debounce period")]
    public static partial void WatcherChange(this ILogger logger, string path);

    [LoggerMessage(EventId = 3031, Level = LogLevel.Error, Message = "Plugin reload failed")]
    public static partial void ReloadFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3032, Level = LogLevel.Warning, Message = "Cannot watch {Path}: {Reason}")]
    public static partial void WatchFailed(this ILogger logger, string path, string reason);
}
