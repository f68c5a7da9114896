using DurableTask.Core;
using DurableTask.Core.History;

namespace Orchestrator.Sidecar.Hardening;

/// <summary>
/// Defect 3 (docs/sidecar.md#3-sub-orchestrations-break-on-azure-storage) — sub-orchestrations break on Azure Storage, two bugs: (a) the sub-orchestration's start message
/// carries its tags as a protobuf map the backend cannot deserialize (a poison message retried forever);
/// (b) the server records the server's own <see cref="SubOrchestrationInstanceCreatedEvent"/> subclass, which
/// has no serialization attributes, so the history row has no event type and the parent can never load again.
/// </summary>
internal static class SubOrchestrationRepair
{
    public static void Apply(OrchestrationRuntimeState runtimeState, IList<TaskMessage> orchestratorMessages)
    {
        foreach (var message in orchestratorMessages)
        {
            if (message.Event is ExecutionStartedEvent started && NeedsPlainTags(started.Tags))
            {
                started.Tags = new Dictionary<string, string>(started.Tags);
            }
        }

        if (runtimeState is null)
        {
            return;
        }

        // The same event object sits in both lists; replace it by one and the same copy.
        var replacements = new Dictionary<HistoryEvent, HistoryEvent>(ReferenceEqualityComparer.Instance);
        ReplaceSubclassedEvents(runtimeState.Events, replacements);
        ReplaceSubclassedEvents(runtimeState.NewEvents, replacements);
    }

    private static bool NeedsPlainTags(IDictionary<string, string>? tags) =>
        tags is not null && tags.GetType() != typeof(Dictionary<string, string>);

    private static void ReplaceSubclassedEvents(IList<HistoryEvent> events, Dictionary<HistoryEvent, HistoryEvent> replacements)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is SubOrchestrationInstanceCreatedEvent created && created.GetType() != typeof(SubOrchestrationInstanceCreatedEvent))
            {
                if (!replacements.TryGetValue(created, out var replacement))
                {
                    replacement = ToBaseType(created);
                    replacements[created] = replacement;
                }

                events[i] = replacement;
            }
        }
    }

    private static SubOrchestrationInstanceCreatedEvent ToBaseType(SubOrchestrationInstanceCreatedEvent created) =>
        new(created.EventId)
        {
            Name = created.Name,
            Version = created.Version,
            InstanceId = created.InstanceId,
            Input = created.Input,
            ClientSpanId = created.ClientSpanId,
            Tags = created.Tags is null ? null : new Dictionary<string, string>(created.Tags),
            Timestamp = created.Timestamp,
            IsPlayed = created.IsPlayed,
        };
}
