namespace Orchestrator.Abstractions.Context;

/// <summary>A snapshot of one session of a <see cref="ContextManager"/>.</summary>
/// <param name="SessionId">The session id.</param>
/// <param name="CreatedAt">When the session was created.</param>
/// <param name="LastAccessedAt">When the session or its context was last read or written.</param>
/// <param name="AccessCount">How many reads and writes the session and its context have had.</param>
/// <param name="ExpiresAt">When the session expires: last access + TTL (sliding, moves on every access) or creation + TTL (absolute).</param>
public sealed record ContextSessionInfo(
    string SessionId,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastAccessedAt,
    long AccessCount,
    DateTimeOffset ExpiresAt);
