using System.Collections.Concurrent;
using P = Microsoft.DurableTask.Protobuf;

namespace Orchestrator.Sidecar.Hardening;

/// <summary>
/// Defect 8 (docs/sidecar.md#8-continue-as-new-drops-the-events-it-carries-over) — the SDK keeps an instance's
/// unprocessed events across continue-as-new by sending them to the instance itself in the response that continues as
/// new (an orchestration may also send itself events just before). The vendored dispatcher runs the next generation
/// at once and clears everything the old one sent, so those events were lost and the next generation waited for them
/// forever. Upstream's dispatcher (durabletask-dotnet 9842ef51) now copies the self-addressed events into the new
/// generation's history before it clears the messages. Here the worker's response is rewritten before the vendored
/// server sees it: the self-addressed events of a response that continues as new become that action's carry-over
/// events, which the vendored dispatcher does put into the new generation. A response sent in chunks is merged first,
/// so the events of every chunk are seen.
/// </summary>
internal sealed class ContinueAsNewCarryover
{
    private readonly ConcurrentDictionary<string, List<P.OrchestratorResponse>> _chunks = new(StringComparer.Ordinal);

    /// <summary>Takes one response (or chunk) from the worker.</summary>
    /// <returns>The whole response for the vendored server, or <c>null</c> while more chunks of it are to come.</returns>
    public P.OrchestratorResponse? Accept(P.OrchestratorResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);

        // Deprecated in the protocol, yet the SDK's worker still marks the chunks of a large response with it.
#pragma warning disable CS0612
        var partial = response.IsPartial;
#pragma warning restore CS0612
        if (partial)
        {
            var chunks = _chunks.GetOrAdd(response.InstanceId, _ => []);
            lock (chunks)
            {
                chunks.Add(response);
            }

            return null;
        }

        if (_chunks.TryRemove(response.InstanceId, out var earlier))
        {
            response = Merge(earlier, response);
        }

        Carry(response);
        return response;
    }

    /// <summary>Forgets unfinished chunked responses: their worker disconnected and the work items are redelivered.</summary>
    public void Clear() => _chunks.Clear();

    /// <summary>Moves the events a continue-as-new response sends to its own instance into the action's carry-over events.</summary>
    internal static void Carry(P.OrchestratorResponse response)
    {
        var continueAsNew = response.Actions
            .LastOrDefault(a => a.CompleteOrchestration?.OrchestrationStatus == P.OrchestrationStatus.ContinuedAsNew)?.CompleteOrchestration;
        if (continueAsNew is null)
        {
            return;
        }

        var toSelf = response.Actions
            .Where(a => a.SendEvent is { } send && string.Equals(send.Instance?.InstanceId, response.InstanceId, StringComparison.Ordinal))
            .ToList();
        foreach (var action in toSelf)
        {
            response.Actions.Remove(action);
            continueAsNew.CarryoverEvents.Add(new P.HistoryEvent
            {
                EventId = -1,
                EventRaised = new P.EventRaisedEvent { Name = action.SendEvent.Name, Input = action.SendEvent.Data },
            });
        }
    }

    private static P.OrchestratorResponse Merge(List<P.OrchestratorResponse> earlier, P.OrchestratorResponse last)
    {
        lock (earlier)
        {
            var first = earlier.Count > 0 ? earlier[0] : last;
            var merged = new P.OrchestratorResponse
            {
                InstanceId = last.InstanceId,
                CustomStatus = last.CustomStatus,
                CompletionToken = last.CompletionToken,
                RequiresHistory = last.RequiresHistory,
                NumEventsProcessed = first.NumEventsProcessed,
                OrchestrationTraceContext = first.OrchestrationTraceContext ?? last.OrchestrationTraceContext,
            };
            foreach (var chunk in earlier)
            {
                merged.Actions.Add(chunk.Actions);
            }

            merged.Actions.Add(last.Actions);
            return merged;
        }
    }
}
