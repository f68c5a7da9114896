using Microsoft.Extensions.Logging;

namespace Orchestrator.Cli.Hosting;

/// <summary>
/// Writes log lines to the command's error stream, synchronously and one whole line at a time, so they never
/// interleave mid-line with the command's output and tests that run the CLI in-process can read them.
/// </summary>
internal sealed class CliLoggerProvider(TextWriter error, CliLogFormat format, Func<string, EventId, bool> shows) : ILoggerProvider
{
    private readonly TextWriter _error = TextWriter.Synchronized(error);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        // The writer belongs to the caller.
    }

    private void Write<TState>(string category, LogLevel level, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!shows(category, eventId))
        {
            return;
        }

        var message = formatter(state, exception);
        var line = format switch
        {
            CliLogFormat.Message => message,
            CliLogFormat.Short => $"{(level >= LogLevel.Error ? "error" : level == LogLevel.Warning ? "warning" : "info")}: {message}{(exception is null ? string.Empty : $": {exception.Message}")}",
            _ => $"{TimeProvider.System.GetLocalNow():HH:mm:ss} {Level(level)}: {category}[{eventId.Id}] {message}{(exception is null ? string.Empty : Environment.NewLine + exception)}",
        };
        _error.WriteLine(line);
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class Logger(CliLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Write(category, logLevel, eventId, state, exception, formatter);
    }
}
