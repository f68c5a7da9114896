namespace Orchestrator.Abstractions.Context;

/// <summary>Creation time, last access and access count of one session, updated without locks.</summary>
internal sealed class AccessTracker
{
    private readonly TimeProvider _timeProvider;
    private long _lastAccessTicks;
    private long _accessCount;

    public AccessTracker(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        CreatedAt = timeProvider.GetUtcNow();
        _lastAccessTicks = CreatedAt.UtcTicks;
    }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset LastAccessedAt => new(Interlocked.Read(ref _lastAccessTicks), TimeSpan.Zero);

    public long AccessCount => Interlocked.Read(ref _accessCount);

    public void Touch()
    {
        Interlocked.Increment(ref _accessCount);
        var now = _timeProvider.GetUtcNow().UtcTicks;

        // Keep the latest time: a thread that read the clock earlier must not move last access backwards.
        var seen = Interlocked.Read(ref _lastAccessTicks);
        while (now > seen)
        {
            var previous = Interlocked.CompareExchange(ref _lastAccessTicks, now, seen);
            if (previous == seen)
            {
                break;
            }

            seen = previous;
        }
    }
}
