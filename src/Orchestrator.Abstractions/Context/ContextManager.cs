using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Orchestrator.Abstractions.Context;

/// <summary>
/// Keeps one <see cref="PluginContext"/> per session and removes sessions whose time to live has passed.
/// </summary>
/// <remarks>
/// An expired session is never returned, even before the periodic sweep removes it. The sweep runs every
/// <see cref="ContextManagerOptions.CleanupInterval"/> on a timer from the injected <see cref="TimeProvider"/>;
/// disposing the manager stops it, and every method then throws <see cref="ObjectDisposedException"/>.
/// All members are thread-safe.
/// </remarks>
public sealed class ContextManager : IDisposable, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly ContextManagerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ITimer _sweeper;
    private int _disposed;

    /// <summary>Creates a manager and starts its cleanup sweep.</summary>
    /// <param name="options">TTL, cleanup interval and expiry mode; defaults when omitted.</param>
    /// <param name="timeProvider">The clock and timer source; <see cref="TimeProvider.System"/> when omitted.</param>
    /// <exception cref="ArgumentOutOfRangeException">The TTL or cleanup interval is not positive.</exception>
    public ContextManager(ContextManagerOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new ContextManagerOptions();
        if (_options.TimeToLive <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), _options.TimeToLive, "ContextManagerOptions.TimeToLive must be positive, for example TimeSpan.FromHours(24).");
        }

        if (_options.CleanupInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), _options.CleanupInterval, "ContextManagerOptions.CleanupInterval must be positive, for example TimeSpan.FromHours(1).");
        }

        if (!Enum.IsDefined(_options.Expiration))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), _options.Expiration, "ContextManagerOptions.Expiration must be Sliding or Absolute.");
        }

        _timeProvider = timeProvider ?? TimeProvider.System;

        // The timer holds the manager weakly, so a manager dropped without Dispose can still be collected.
        _sweeper = _timeProvider.CreateTimer(
            static state =>
            {
                if (((WeakReference<ContextManager>)state!).TryGetTarget(out var manager))
                {
                    manager.Sweep();
                }
            },
            new WeakReference<ContextManager>(this),
            _options.CleanupInterval,
            _options.CleanupInterval);
    }

    /// <summary>Creates a session with an empty context, or with a copy of <paramref name="initialContents"/>.</summary>
    /// <param name="sessionId">A non-empty id, unique among live sessions.</param>
    /// <param name="initialContents">
    /// Content to start from, for example a context read back with <see cref="PluginContext.FromJson"/>; it is
    /// copied, and the new session's time to live starts now.
    /// </param>
    /// <returns>The session's context.</returns>
    /// <exception cref="ArgumentException">A live session with this id already exists.</exception>
    public PluginContext Create(string sessionId, PluginContext? initialContents = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ThrowIfDisposed();
        var tracker = new AccessTracker(_timeProvider);
        var session = new Session(tracker, new PluginContext(tracker, initialContents?.Snapshot()));
        while (!_sessions.TryAdd(sessionId, session))
        {
            if (_sessions.TryGetValue(sessionId, out var existing))
            {
                if (!IsExpired(existing))
                {
                    throw new ArgumentException(
                        $"Context session '{sessionId}' already exists. Use Get to reach it, or Delete it first.", nameof(sessionId));
                }

                Expire(sessionId, existing);
            }
        }

        return session.Context;
    }

    /// <summary>Gets a live session's context; this counts as an access.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <returns>The session's context.</returns>
    /// <exception cref="ContextSessionNotFoundException">No live session has this id.</exception>
    public PluginContext Get(string sessionId) =>
        TryGet(sessionId, out var context) ? context : throw new ContextSessionNotFoundException(sessionId);

    /// <summary>Gets a live session's context if there is one; this counts as an access.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="context">The context, or <c>null</c> when there is no live session with this id.</param>
    /// <returns><c>true</c> when the session exists and has not expired.</returns>
    public bool TryGet(string sessionId, [NotNullWhen(true)] out PluginContext? context)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ThrowIfDisposed();
        if (_sessions.TryGetValue(sessionId, out var session))
        {
            if (!IsExpired(session))
            {
                session.Tracker.Touch();
                context = session.Context;
                return true;
            }

            Expire(sessionId, session);
        }

        context = null;
        return false;
    }

    /// <summary>Removes a session.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <returns><c>true</c> when a live session was removed.</returns>
    public bool Delete(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ThrowIfDisposed();
        return _sessions.TryRemove(sessionId, out var session) && !IsExpired(session);
    }

    /// <summary>Lists the live sessions, ordered by id. Listing does not count as an access.</summary>
    /// <returns>A snapshot of every session that has not expired.</returns>
    public IReadOnlyList<ContextSessionInfo> List()
    {
        ThrowIfDisposed();
        var now = _timeProvider.GetUtcNow();
        return [.. _sessions
            .Select(pair => (pair.Key, pair.Value, ExpiresAt: ExpiresAt(pair.Value)))
            .Where(item => item.ExpiresAt > now)
            .OrderBy(item => item.Key, StringComparer.Ordinal)
            .Select(item => new ContextSessionInfo(
                item.Key, item.Value.Tracker.CreatedAt, item.Value.Tracker.LastAccessedAt, item.Value.Tracker.AccessCount, item.ExpiresAt))];
    }

    /// <summary>Stops the cleanup sweep. Afterwards every method throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _sweeper.Dispose();
        }
    }

    /// <summary>Stops the cleanup sweep, waiting for a sweep in progress to finish.</summary>
    /// <returns>A task that completes when the sweeper has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _sweeper.DisposeAsync();
        }
    }

    private void Sweep()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        foreach (var (sessionId, session) in _sessions)
        {
            if (IsExpired(session))
            {
                Expire(sessionId, session);
            }
        }
    }

    private void Expire(string sessionId, Session session)
    {
        // Remove only this exact session, so a session re-created under the same id survives.
        if (_sessions.TryRemove(new KeyValuePair<string, Session>(sessionId, session)))
        {
            _options.SessionExpired?.Invoke(sessionId);
        }
    }

    private bool IsExpired(Session session) => _timeProvider.GetUtcNow() >= ExpiresAt(session);

    private DateTimeOffset ExpiresAt(Session session) => (_options.Expiration == ContextExpiration.Absolute
        ? session.Tracker.CreatedAt
        : session.Tracker.LastAccessedAt) + _options.TimeToLive;

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    private sealed record Session(AccessTracker Tracker, PluginContext Context);
}
