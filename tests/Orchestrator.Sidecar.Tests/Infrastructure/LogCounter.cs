using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Sidecar.Tests.Infrastructure;

/// <summary>
/// Counts a sidecar's log lines (every level, exception text included) that mention a watched text such as an instance
/// id, keeping the first few for failure messages. Lines are only formatted while something is watched.
/// </summary>
internal sealed class LogCounter : ILoggerProvider, ILogger
{
    private const int KeptLines = 400;
    private readonly ConcurrentDictionary<string, Watched> _watched = new(StringComparer.Ordinal);

    /// <summary>Starts counting the lines that contain <paramref name="text"/>.</summary>
    public void Watch(string text) => _watched.TryAdd(text, new Watched());

    /// <summary>Stops counting lines that contain <paramref name="text"/>.</summary>
    public void Unwatch(string text) => _watched.TryRemove(text, out _);

    /// <summary>How many lines that contain <paramref name="text"/> were counted.</summary>
    public int Count(string text) => _watched.TryGetValue(text, out var watched) ? Volatile.Read(ref watched.Count) : 0;

    /// <summary>How many of the lines counted for <paramref name="text"/> also contain <paramref name="also"/>.</summary>
    public int Count(string text, string also) =>
        _watched.TryGetValue(text, out var watched) ? watched.Lines.Count(l => l.Contains(also, StringComparison.Ordinal)) : 0;

    /// <summary>How many of the lines that contain <paramref name="text"/> were errors (or worse).</summary>
    public int Errors(string text) => _watched.TryGetValue(text, out var watched) ? Volatile.Read(ref watched.Errors) : 0;

    /// <summary>The first lines counted for <paramref name="text"/>, for a failure message.</summary>
    public string Sample(string text) =>
        _watched.TryGetValue(text, out var watched) ? string.Join(Environment.NewLine, watched.Lines) : string.Empty;

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => !_watched.IsEmpty;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (_watched.IsEmpty)
        {
            return;
        }

        var line = $"{logLevel}: {formatter(state, exception)} {exception?.Message}";
        foreach (var (text, watched) in _watched)
        {
            if (!line.Contains(text, StringComparison.Ordinal))
            {
                continue;
            }

            if (logLevel >= LogLevel.Error)
            {
                Interlocked.Increment(ref watched.Errors);
            }

            if (Interlocked.Increment(ref watched.Count) <= KeptLines)
            {
                watched.Lines.Enqueue(line.Length > 400 ? line[..400] : line);
            }
        }
    }

    public void Dispose() => _watched.Clear();

    private sealed class Watched
    {
        public ConcurrentQueue<string> Lines { get; } = new();

#pragma warning disable SA1401, CA1051 // Interlocked needs fields.
        public int Count;

        public int Errors;
#pragma warning restore SA1401, CA1051
    }
}
