using System.Collections.Concurrent;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Orchestrator.Documents.Problems;
using Orchestrator.Engine.Runs;
using Orchestrator.Engine.Workflows;

namespace Orchestrator.Engine.Schedules;

/// <summary>Reconciling the schedule orchestrations with the workflow files (docs/schedules.md#changing-a-schedule).</summary>
public sealed partial class ScheduleService
{
    private const string StoppedReason = "its workflow file has no schedule any more";

    // The update last sent to each schedule: until the schedule has taken it (and published it), it is not sent again.
    private readonly ConcurrentDictionary<string, string> _sent = new(StringComparer.Ordinal);

    /// <summary>
    /// Starts the schedule of each workflow that has one and none is kept for, updates those whose definition changed,
    /// and stops those whose workflow lost its schedule or is gone. A workflow whose file has errors now keeps the
    /// schedule it had, so a half-saved edit does not stop it.
    /// </summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        var discovered = workflows.Discover(cancellationToken);
        var desired = discovered.Workflows.Where(w => w.Schedule is not null).ToDictionary(w => w.Name, StringComparer.Ordinal);
        var broken = discovered.Problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.File).ToHashSet(StringComparer.Ordinal);
        var missedAfter = options.Value.ScheduleMissedAfter;
        var kept = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var metadata in Instances().WithCancellation(cancellationToken))
        {
            var name = ScheduleNames.WorkflowOf(metadata.InstanceId)!;
            kept.Add(name);
            var active = IsActive(metadata.RuntimeStatus);
            var current = active ? Published(metadata) ?? Initial(metadata) : null;
            if (!desired.TryGetValue(name, out var workflow))
            {
                if (current?.File is { } file && broken.Contains(file))
                {
                    continue;
                }

                await StopAsync(metadata, active, name, cancellationToken);
                continue;
            }

            if (!active)
            {
                await client.PurgeInstanceAsync(metadata.InstanceId, cancellationToken);
                await StartAsync(workflow, missedAfter, "restarted", cancellationToken);
                continue;
            }

            var wanted = Fingerprint(workflow.Schedule!, missedAfter);
            if (Fingerprint(current!.Definition, current.MissedAfter) == wanted)
            {
                _sent.TryRemove(name, out _);
            }
            else if (!_sent.TryGetValue(name, out var sent) || sent != wanted)
            {
                await SignalAsync(name, new ScheduleSignal(ScheduleSignalKind.Update, Definition: workflow.Schedule, MissedAfter: missedAfter, File: workflow.File), cancellationToken);
                _sent[name] = wanted;
                logger.ScheduleReconciled("updated", name);
            }
        }

        foreach (var workflow in desired.Values.Where(w => !kept.Contains(w.Name)))
        {
            await StartAsync(workflow, missedAfter, "started", cancellationToken);
        }
    }

    private async Task StartAsync(WorkflowDefinition workflow, TimeSpan missedAfter, string action, CancellationToken cancellationToken)
    {
        // Fires from now on count, even those that come before a worker takes the schedule up (then catchup decides).
        var state = new ScheduleState { Workflow = workflow.Name, Definition = workflow.Schedule!, MissedAfter = missedAfter, File = workflow.File, Cursor = time.GetUtcNow() };
        _sent.TryRemove(workflow.Name, out _);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(ScheduleNames.Orchestration, state, TakenIds.Options(ScheduleNames.InstanceId(workflow.Name)), cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Another node on the task hub started it first (docs/scale-out.md#every-node-answers-for-every-run).
            return;
        }

        logger.ScheduleReconciled(action, workflow.Name);
    }

    private async Task StopAsync(OrchestrationMetadata metadata, bool active, string name, CancellationToken cancellationToken)
    {
        _sent.TryRemove(name, out _);
        if (active)
        {
            await client.TerminateInstanceAsync(metadata.InstanceId, new TerminateInstanceOptions { Output = StoppedReason }, cancellationToken);
            logger.ScheduleReconciled("stopped", name);
        }
        else
        {
            // Stopped at an earlier pass: the history goes once the termination has gone through.
            await client.PurgeInstanceAsync(metadata.InstanceId, cancellationToken);
        }
    }

    private static string Fingerprint(ScheduleDefinition definition, TimeSpan missedAfter) => $"{definition.Fingerprint()} {missedAfter}";
}
