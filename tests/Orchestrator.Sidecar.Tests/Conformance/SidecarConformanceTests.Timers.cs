using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Orchestrator.Sidecar.Tests.Infrastructure;

namespace Orchestrator.Sidecar.Tests.Conformance;

/// <summary>Many durable timers at once, in one orchestration and across many.</summary>
public abstract partial class SidecarConformanceTests
{
    [Fact]
    public async Task Timers_HundredInOneOrchestration_AllFire()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("ManyTimers", 100, Token);

        (await Client.WaitForCompletedAsync(id, Deadline)).ReadOutputAs<int>().ShouldBe(100);
    }

    [Fact]
    public async Task Timers_FiftyOrchestrationsWithTimersAtOnce_AllComplete()
    {
        var prefix = NewId("timers");
        var ids = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Client.ScheduleNewOrchestrationInstanceAsync("ManyTimers", 5, new StartOrchestrationOptions($"{prefix}-{i}"), Token)));

        foreach (var id in ids)
        {
            (await Client.WaitForCompletedAsync(id, Deadline)).ReadOutputAs<int>().ShouldBe(5);
        }
    }
}
