using Microsoft.Extensions.Logging;

namespace Orchestrator.Cli.Hosting;

/// <summary>
/// The one place that decides what every process kind logs, in which format and with which filters (the table is
/// in docs/cli.md#logging). Logs go to stderr, so a command's own output on stdout stays readable and parsable.
/// </summary>
internal sealed record CliLogging(LogProfile Profile, bool Verbose, TextWriter Error)
{
    // The plugin executables' stderr lines, the SIGKILL notice and the warning that the sandbox is off
    // (Orchestrator.Plugins event ids).
    private static readonly HashSet<int> PluginOutputEvents = [3004, 3010, 3011];

    // A failed phase attempt is logged twice, by the plugin executor (3021) and by the engine with the run id (6002):
    // only the engine's line is kept, and `run` prints neither, since its progress line says it ("  ! phase (attempt n/m): …").
    private const int ExecutorPhaseFailed = 3021;
    private const int EnginePhaseFailed = 6002;

    // The sidecar giving back the work items of a worker that disconnected: in `run` that happens only when it stops,
    // and its own message says what becomes of the run.
    private const int SidecarAbandonedOnDisconnect = 5003;

    // The generic host logs a failed start with its stack trace; the CLI reports that failure itself, once.
    private const string HostCategory = "Microsoft.Extensions.Hosting";
    private const int HostStartFaulted = 11;

    /// <summary>Adds the CLI's logger to a host's logging and sets its levels and filters.</summary>
    public void Configure(ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.ClearProviders();
        logging.SetMinimumLevel(MinimumLevel());
        logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("Grpc", LogLevel.Warning).AddFilter("DurableTask", LogLevel.Warning);
        logging.AddProvider(new CliLoggerProvider(Error, Format(), Shows));
    }

    /// <summary>A logger factory for code that is not inside a host (the sidecar of <c>orchestrator sidecar</c>, the one-shot plugin catalog).</summary>
    public ILoggerFactory CreateFactory() => LoggerFactory.Create(Configure);

    private LogLevel MinimumLevel() => (Profile, Verbose) switch
    {
        (LogProfile.PluginOutput, _) => LogLevel.Trace,
        (LogProfile.Command or LogProfile.Worker, false) => LogLevel.Warning,
        (LogProfile.Service, true) => LogLevel.Debug,
        _ => LogLevel.Information,
    };

    private CliLogFormat Format() => Profile switch
    {
        LogProfile.PluginOutput => CliLogFormat.Message,
        LogProfile.Command when !Verbose => CliLogFormat.Short,
        _ => CliLogFormat.Full,
    };

    private bool Shows(string category, EventId eventId)
    {
        if (!category.StartsWith("Orchestrator", StringComparison.Ordinal))
        {
            var quiet = Profile == LogProfile.PluginOutput || (Profile == LogProfile.Command && !Verbose);
            return !quiet && !(category.StartsWith(HostCategory, StringComparison.Ordinal) && eventId.Id == HostStartFaulted);
        }

        return Profile switch
        {
            LogProfile.PluginOutput => PluginOutputEvents.Contains(eventId.Id),
            LogProfile.Command when !Verbose => eventId.Id is not (ExecutorPhaseFailed or EnginePhaseFailed or SidecarAbandonedOnDisconnect),
            _ => eventId.Id != ExecutorPhaseFailed,
        };
    }
}
