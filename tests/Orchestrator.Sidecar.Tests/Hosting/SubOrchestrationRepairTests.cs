using DurableTask.Core;
using DurableTask.Core.History;
using Orchestrator.Sidecar.Hardening;

namespace Orchestrator.Sidecar.Tests.Hosting;

/// <summary>Defect 3 (docs/sidecar.md#3-sub-orchestrations-break-on-azure-storage) in isolation: start-message tags become a plain dictionary; subclassed history events become the base type.</summary>
public sealed class SubOrchestrationRepairTests
{
    [Fact]
    public void Apply_MapTagsAndSubclassedEvent_ReplacedBySerializableTypes()
    {
        var parent = new OrchestrationInstance { InstanceId = "parent", ExecutionId = "e1" };
        var state = new OrchestrationRuntimeState();
        state.AddEvent(new ExecutionStartedEvent(-1, "in") { Name = "Parent", OrchestrationInstance = parent });
        state.AddEvent(new DerivedCreatedEvent(3) { Name = "Child", InstanceId = "child", Input = "x" });
        var start = new ExecutionStartedEvent(-1, "x") { Name = "Child", Tags = new SortedDictionary<string, string> { ["k"] = "v" } };

        SubOrchestrationRepair.Apply(state, [new TaskMessage { Event = start, OrchestrationInstance = parent }]);

        start.Tags.ShouldBeOfType<Dictionary<string, string>>()["k"].ShouldBe("v");
        var created = state.Events.OfType<SubOrchestrationInstanceCreatedEvent>().Single();
        created.GetType().ShouldBe(typeof(SubOrchestrationInstanceCreatedEvent));
        created.EventId.ShouldBe(3);
        created.InstanceId.ShouldBe("child");
        state.NewEvents.OfType<SubOrchestrationInstanceCreatedEvent>().Single().ShouldBeSameAs(created);
    }

    private sealed class DerivedCreatedEvent(int eventId) : SubOrchestrationInstanceCreatedEvent(eventId);
}
