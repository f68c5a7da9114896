using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Abstractions.Context;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Abstractions.Tests.Context;

public sealed class ContextTrackingPhaseTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly PluginContext _context = new();

    /// <summary>A phase that takes a known time on the fake clock, then answers or fails.</summary>
    private sealed class TimedPhase(string name, FakeTimeProvider time, TimeSpan takes, Exception? failure = null) : IPhase
    {
        public string Name => name;

        public int Calls { get; private set; }

        public Task<PhaseResult> ExecuteAsync(PhaseRequest request, CancellationToken cancellationToken)
        {
            Calls++;
            time.Advance(takes);
            cancellationToken.ThrowIfCancellationRequested();
            return failure is null
                ? Task.FromResult(PhaseResult.FromOutput(new { Echo = request.Input.GetProperty("topic").GetString() }))
                : Task.FromException<PhaseResult>(failure);
        }
    }

    private static PhaseRequest Request(string phase) => new()
    {
        RunId = "run-1",
        Plugin = "fiction",
        PluginVersion = "1.0.0",
        Phase = phase,
        Attempt = 3,
        Input = JsonDocument.Parse("""{"topic":"trains"}""").RootElement.Clone(),
        WorkingDirectory = Path.GetTempPath(),
    };

    [Fact]
    public async Task ExecuteAsync_Success_RecordsInputOutputAndDuration()
    {
        var inner = new TimedPhase("outline", _time, TimeSpan.FromMilliseconds(1500));
        var phase = new ContextTrackingPhase(inner, _context, _time);

        var result = await phase.ExecuteAsync(Request("outline"), TestContext.Current.CancellationToken);

        result.Output.GetProperty("echo").GetString().ShouldBe("trains");
        phase.Name.ShouldBe("outline");
        var record = _context.GetMap(ContextTrackingPhase.RecordKey("outline"));
        record["status"].ShouldBe("succeeded");
        record["attempt"].ShouldBe(3L);
        ((JsonElement)record["input"]!).GetProperty("topic").GetString().ShouldBe("trains");
        ((JsonElement)record["output"]!).GetProperty("echo").GetString().ShouldBe("trains");
        record["duration_ms"].ShouldBe(1500d);
        record["started_at"].ShouldBe(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        record["ended_at"].ShouldBe(_time.GetUtcNow());
        record.ContainsKey("error").ShouldBeFalse();
    }

    [Fact]
    public async Task ExecuteAsync_Failure_RecordsErrorAndRethrowsSameException()
    {
        var failure = new InvalidOperationException("model unavailable");
        var phase = new ContextTrackingPhase(new TimedPhase("draft", _time, TimeSpan.FromSeconds(2), failure), _context, _time);

        var thrown = await Should.ThrowAsync<InvalidOperationException>(() => phase.ExecuteAsync(Request("draft"), CancellationToken.None));

        thrown.ShouldBeSameAs(failure);
        var record = _context.GetMap("phases.draft");
        record["status"].ShouldBe("failed");
        record["error"].ShouldBe("model unavailable");
        record["error_type"].ShouldBe(typeof(InvalidOperationException).FullName);
        record["duration_ms"].ShouldBe(2000d);
        record.ContainsKey("output").ShouldBeFalse();
    }

    [Fact]
    public async Task ExecuteAsync_Canceled_RecordsCanceled()
    {
        var phase = new ContextTrackingPhase(new TimedPhase("draft", _time, TimeSpan.Zero), _context, _time);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => phase.ExecuteAsync(Request("draft"), cancellation.Token));

        _context.GetMap("phases.draft")["status"].ShouldBe("canceled");
    }

    [Fact]
    public async Task Wrap_Phases_KeepsOrderSharesContextAndRecordsEach()
    {
        var phases = new IPhase[]
        {
            new TimedPhase("outline", _time, TimeSpan.FromSeconds(1)),
            new TimedPhase("draft", _time, TimeSpan.FromSeconds(2)),
        };

        var wrapped = ContextTrackingPhase.Wrap(phases, _context, _time);
        foreach (var phase in wrapped)
        {
            await phase.ExecuteAsync(Request(phase.Name), TestContext.Current.CancellationToken);
        }

        wrapped.Select(p => p.Name).ShouldBe(["outline", "draft"]);
        wrapped.ShouldAllBe(p => p is ContextTrackingPhase);
        _context.Keys().ShouldBe(["phases.draft", "phases.outline"]);
        _context.GetMap("phases.draft")["duration_ms"].ShouldBe(2000d);
    }

    [Fact]
    public void Wrap_AlreadyWrappedForSameContext_IsNotWrappedTwice()
    {
        var once = ContextTrackingPhase.Wrap([new TimedPhase("a", _time, TimeSpan.Zero)], _context, _time);

        var twice = ContextTrackingPhase.Wrap(once, _context, _time);

        twice[0].ShouldBeSameAs(once[0]);
        ((ContextTrackingPhase)twice[0]).Inner.ShouldBeOfType<TimedPhase>();
    }

    [Fact]
    public void Wrap_NullPhase_Throws()
    {
        Should.Throw<ArgumentException>(() => ContextTrackingPhase.Wrap([null!], _context)).Message.ShouldContain("null phase");
    }

    [Fact]
    public async Task ExecuteAsync_NoInput_RecordsNullInput()
    {
        var phase = new ContextTrackingPhase(new EmptyPhase(), _context, _time);

        await phase.ExecuteAsync(Request("empty") with { Input = default }, TestContext.Current.CancellationToken);

        var record = _context.GetMap("phases.empty");
        record["input"].ShouldBeNull();
        record["output"].ShouldBeNull();
    }

    private sealed class EmptyPhase : IPhase
    {
        public string Name => "empty";

        public Task<PhaseResult> ExecuteAsync(PhaseRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new PhaseResult { Metadata = ImmutableDictionary<string, JsonElement>.Empty });
    }
}
