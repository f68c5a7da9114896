using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Abstractions.Context;

namespace Orchestrator.Abstractions.Tests.Context;

public sealed class ContextManagerTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentQueue<string> _expired = new();

    private ContextManager CreateManager(ContextExpiration expiration = ContextExpiration.Sliding) => new(
        new ContextManagerOptions { TimeToLive = Ttl, CleanupInterval = Interval, Expiration = expiration, SessionExpired = _expired.Enqueue },
        _time);

    [Fact]
    public void Create_ThenGet_ReturnsSameContext()
    {
        using var manager = CreateManager();

        var context = manager.Create("run-1");
        context.Set("a", 1);

        manager.Get("run-1").ShouldBeSameAs(context);
        manager.TryGet("run-1", out var found).ShouldBeTrue();
        found.ShouldBeSameAs(context);
    }

    [Fact]
    public void Create_ExistingLiveSession_ThrowsArgumentException()
    {
        using var manager = CreateManager();
        manager.Create("run-1");

        Should.Throw<ArgumentException>(() => manager.Create("run-1")).Message.ShouldContain("'run-1' already exists");
    }

    [Fact]
    public void Create_WithInitialContents_CopiesThem()
    {
        using var manager = CreateManager();
        var initial = new PluginContext();
        initial.Set("n", 1);

        var context = manager.Create("run-1", initial);
        initial.Set("n", 2);

        context.GetInt64("n").ShouldBe(1);
    }

    [Fact]
    public void Get_MissingSession_ThrowsSessionNotFound()
    {
        using var manager = CreateManager();

        var exception = Should.Throw<ContextSessionNotFoundException>(() => manager.Get("nope"));

        exception.SessionId.ShouldBe("nope");
        exception.Message.ShouldContain("'nope'");
        manager.TryGet("nope", out var context).ShouldBeFalse();
        context.ShouldBeNull();
    }

    [Fact]
    public void Delete_RemovesSession()
    {
        using var manager = CreateManager();
        manager.Create("run-1");

        manager.Delete("run-1").ShouldBeTrue();
        manager.Delete("run-1").ShouldBeFalse();
        manager.TryGet("run-1", out _).ShouldBeFalse();
    }

    [Fact]
    public void List_ReturnsLiveSessionsOrderedWithTimes()
    {
        using var manager = CreateManager();
        manager.Create("b");
        _time.Advance(TimeSpan.FromSeconds(5));
        manager.Create("a").Set("x", 1);

        var sessions = manager.List();

        sessions.Select(s => s.SessionId).ShouldBe(["a", "b"]);
        sessions[0].AccessCount.ShouldBe(1);
        sessions[0].CreatedAt.ShouldBe(_time.GetUtcNow());
        sessions[0].ExpiresAt.ShouldBe(_time.GetUtcNow() + Ttl);
        sessions[1].AccessCount.ShouldBe(0);
    }

    [Fact]
    public void Sliding_AccessBeforeTtl_KeepsSessionAlive()
    {
        using var manager = CreateManager();
        var context = manager.Create("run-1");

        for (var i = 0; i < 5; i++)
        {
            _time.Advance(Ttl - TimeSpan.FromSeconds(1));
            context.TryGet("anything", out _);
        }

        manager.TryGet("run-1", out _).ShouldBeTrue();
        _expired.ShouldBeEmpty();
        manager.List().Single().LastAccessedAt.ShouldBe(_time.GetUtcNow());
    }

    [Fact]
    public void Sliding_NoAccessForTtl_SweptAndNeverReturned()
    {
        using var manager = CreateManager();
        manager.Create("run-1");
        _time.Advance(TimeSpan.FromMinutes(3));
        manager.Get("run-1");

        _time.Advance(Ttl);

        _expired.ShouldBe(["run-1"]);
        manager.TryGet("run-1", out _).ShouldBeFalse();
        manager.List().ShouldBeEmpty();
    }

    [Fact]
    public void Sliding_ExpiredBeforeSweepRuns_IsNotReturned()
    {
        using var manager = new ContextManager(
            new ContextManagerOptions { TimeToLive = Ttl, CleanupInterval = TimeSpan.FromDays(1), SessionExpired = _expired.Enqueue },
            _time);
        manager.Create("run-1");

        _time.Advance(Ttl);

        manager.List().ShouldBeEmpty();
        manager.TryGet("run-1", out _).ShouldBeFalse();
        _expired.ShouldBe(["run-1"]);
        Should.Throw<ContextSessionNotFoundException>(() => manager.Get("run-1"));
    }

    [Fact]
    public void Absolute_AccessDoesNotExtendLife()
    {
        using var manager = CreateManager(ContextExpiration.Absolute);
        var context = manager.Create("run-1");

        _time.Advance(Ttl - TimeSpan.FromSeconds(1));
        context.Set("a", 1);
        manager.Get("run-1").ShouldBeSameAs(context);
        _time.Advance(TimeSpan.FromSeconds(1));

        manager.TryGet("run-1", out _).ShouldBeFalse();
        _expired.ShouldBe(["run-1"]);
    }

    [Fact]
    public void Create_SameIdAfterExpiry_ReplacesExpiredSession()
    {
        using var manager = new ContextManager(
            new ContextManagerOptions { TimeToLive = Ttl, CleanupInterval = TimeSpan.FromDays(1) }, _time);
        manager.Create("run-1").Set("old", true);
        _time.Advance(Ttl);

        var fresh = manager.Create("run-1");

        fresh.Keys().ShouldBeEmpty();
        manager.Get("run-1").ShouldBeSameAs(fresh);
    }

    [Fact]
    public void Create_FromJsonRoundTrip_ExpiresLikeAnyOtherSession()
    {
        using var manager = CreateManager();
        var original = manager.Create("run-1");
        original.Set("n", 1);
        var restored = PluginContext.FromJson(original.ToJson());
        manager.Delete("run-1");

        manager.Create("run-2", restored).GetInt64("n").ShouldBe(1);
        _time.Advance(Ttl);

        manager.TryGet("run-2", out _).ShouldBeFalse();
        _expired.ShouldContain("run-2");
    }

    [Fact]
    public void Dispose_StopsSweeping()
    {
        var manager = CreateManager();
        manager.Create("run-1");

        manager.Dispose();
        _time.Advance(Ttl * 3);

        _expired.ShouldBeEmpty();
    }

    [Fact]
    public async Task DisposeAsync_StopsSweepingAndOperationsThrow()
    {
        var manager = CreateManager();
        manager.Create("run-1");

        await manager.DisposeAsync();
        _time.Advance(Ttl * 3);

        _expired.ShouldBeEmpty();
        Should.Throw<ObjectDisposedException>(() => manager.Create("run-2"));
        Should.Throw<ObjectDisposedException>(() => manager.Get("run-1"));
        Should.Throw<ObjectDisposedException>(() => manager.TryGet("run-1", out _));
        Should.Throw<ObjectDisposedException>(() => manager.Delete("run-1"));
        Should.Throw<ObjectDisposedException>(() => manager.List());
        manager.Dispose();
    }

    [Fact]
    public void Sweep_RunsOnEveryInterval()
    {
        using var manager = CreateManager();
        manager.Create("first");
        _time.Advance(Ttl);
        manager.Create("second");

        _time.Advance(Ttl);

        _expired.ShouldBe(["first", "second"]);
    }

    [Fact]
    public void Manager_DroppedWithoutDispose_CanBeCollected()
    {
        var manager = CreateAndDrop();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        manager.TryGetTarget(out _).ShouldBeFalse("the sweeper timer must not keep an abandoned manager alive");
        _time.Advance(Ttl * 2);
        _expired.ShouldBeEmpty();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private WeakReference<ContextManager> CreateAndDrop()
    {
        var manager = CreateManager();
        manager.Create("run-1");
        return new WeakReference<ContextManager>(manager);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-1, 1)]
    [InlineData(1, 0)]
    public void Constructor_NonPositiveDurations_Throws(int ttlSeconds, int intervalSeconds)
    {
        var options = new ContextManagerOptions
        {
            TimeToLive = TimeSpan.FromSeconds(ttlSeconds),
            CleanupInterval = TimeSpan.FromSeconds(intervalSeconds),
        };

        Should.Throw<ArgumentOutOfRangeException>(() => new ContextManager(options, _time)).Message.ShouldContain("must be positive");
    }

    [Fact]
    public void Constructor_UnknownExpiration_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new ContextManager(new ContextManagerOptions { Expiration = (ContextExpiration)7 }, _time));
    }
}
