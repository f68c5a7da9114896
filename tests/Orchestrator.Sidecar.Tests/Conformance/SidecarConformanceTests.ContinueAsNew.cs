using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Orchestrator.Sidecar.Tests.Infrastructure;
using Orchestrator.TestWorker;

namespace Orchestrator.Sidecar.Tests.Conformance;

/// <summary>
/// Continue-as-new with events and timers in flight: no event raised or re-sent before it is lost
/// (docs/sidecar.md#8-continue-as-new-drops-the-events-it-carries-over), and an old generation's timer does not fire
/// into the new one.
/// </summary>
public abstract partial class SidecarConformanceTests
{
    private const int Ticks = 10;

    /// <summary>The repetitions of a timing-dependent test (how events fall into episodes decides whether it fails).</summary>
    public static TheoryData<int> Repetitions => [.. Enumerable.Range(1, 20)];

    [Fact]
    public Task ContinueAsNew_EventsRaisedWhileGenerationsRun_EveryOneCounted() => CountTicksAsync("ticks", timerMs: 0);

    [Theory]
    [MemberData(nameof(Repetitions))]
    public Task ContinueAsNew_EventsRaisedWhileGenerationsRunWithTimers_EveryOneCounted(int repetition) =>
        CountTicksAsync($"tickt{repetition}", timerMs: 20);

    [Theory]
    [MemberData(nameof(Repetitions))]
    public async Task ContinueAsNew_EventsSentToItselfBefore_ReachTheNextGeneration(int repetition)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("SendToSelf", 9, new StartOrchestrationOptions(NewId($"self{repetition}")), Token);

        (await Client.WaitForCompletedAsync(id, Deadline)).ReadOutputAs<int>().ShouldBe(45);
    }

    [Theory]
    [MemberData(nameof(Repetitions))]
    public async Task ContinueAsNew_EventsSentToItselfWithATimerPending_ReachTheNextGeneration(int repetition)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("SendToSelfWithTimer", 9, new StartOrchestrationOptions(NewId($"selft{repetition}")), Token);

        (await Client.WaitForCompletedAsync(id, Deadline)).ReadOutputAs<int>().ShouldBe(45);
    }

    [Fact]
    public async Task ContinueAsNew_OldGenerationsTimerFiresLater_DoesNotEndTheNewGenerationsTimer()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("RaceThenContinue", 0, Token);

        var started = DateTime.UtcNow;
        await Client.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running, Deadline);
        await Client.RaiseEventAsync(id, "go", "now", Token);
        await Eventually.TrueAsync(
            async () => (await Client.GetInstanceAsync(id, getInputsAndOutputs: true, Token))?.SerializedCustomStatus == "\"generation 1\"",
            Deadline,
            "the instance never reached its second generation");

        // Generation 0's 4-second timer is due 4 s after the start; give its message time to arrive (and be dropped).
        await Eventually.TrueAsync(() => DateTime.UtcNow > started.AddSeconds(7), Deadline, "the clock did not advance");
        (await Client.GetInstanceAsync(id, Token))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Running, "the old generation's timer ended the new generation");
        await Client.RaiseEventAsync(id, "done", "now", Token);

        (await Client.WaitForCompletedAsync(id, Deadline)).ReadOutputAs<string>().ShouldBe("event");
    }

    private async Task CountTicksAsync(string prefix, int timerMs)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("CountTicks", new TickInput(0, Ticks, timerMs), new StartOrchestrationOptions(NewId(prefix)), Token);
        await Client.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running, Deadline);

        for (var i = 0; i < Ticks; i++)
        {
            await Client.RaiseEventAsync(id, "tick", i, Token);
        }

        (await Client.WaitForCompletedAsync(id, Deadline)).ReadOutputAs<int>().ShouldBe(Ticks);
    }
}
