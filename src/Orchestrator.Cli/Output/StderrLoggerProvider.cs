using Microsoft.Extensions.Logging;

namespace Orchestrator.Cli.Output;

/// <summary>
/// Shows what a plugin executable writes to stderr (and why it was killed) on the CLI's error stream while a
/// command runs; the rest of the plugin log is left out of the command's output.
/// </summary>
internal sealed class StderrLoggerProvider(TextWriter error) : ILoggerProvider, ILogger
{
    private const int ProcessStderr = 3010;
    private const int ProcessKilled = 3011;
    private readonly TextWriter _error = TextWriter.Synchronized(error);

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id is ProcessStderr or ProcessKilled)
        {
            _error.WriteLine(formatter(state, exception));
        }
    }

    public void Dispose()
    {
        // The writer belongs to the caller.
    }
}
