namespace Orchestrator.Abstractions.Context;

/// <summary>Settings of a <see cref="ContextManager"/>.</summary>
public sealed record ContextManagerOptions
{
    /// <summary>How long a session lives (default 24 hours); must be positive.</summary>
    public TimeSpan TimeToLive { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How often expired sessions are swept (default 1 hour); must be positive.</summary>
    public TimeSpan CleanupInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Whether <see cref="TimeToLive"/> counts from the last access (default) or from creation.</summary>
    public ContextExpiration Expiration { get; init; } = ContextExpiration.Sliding;

    /// <summary>
    /// Called with the session id each time an expired session is removed, by the sweep or by a lookup that
    /// found it expired. It runs on the sweeping thread and must not throw.
    /// </summary>
    public Action<string>? SessionExpired { get; init; }
}
