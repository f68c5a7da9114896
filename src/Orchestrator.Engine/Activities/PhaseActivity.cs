using System.Diagnostics;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Abstractions.Context;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Engine.Orchestrations;
using Orchestrator.Engine.Payloads;
using Orchestrator.Engine.Telemetry;
using Orchestrator.Engine.Workspaces;
using Orchestrator.Plugins.Execution;

namespace Orchestrator.Engine.Activities;

/// <summary>
/// Runs one phase attempt through the plugin executor, which enforces the phase timeout (cancellation in process,
/// process-tree kill for executables). Registered under every <c>&lt;plugin&gt;.&lt;phase&gt;</c> name by
/// <see cref="PluginTaskFactory"/>, including plugins that hot reload adds after the worker started. The phase's
/// context is a view of the run's shared data, rebuilt from the workspace where the orchestrator's input points, with
/// every value stored by reference read back; the result's large values are stored by reference in turn
/// (docs/running-workflows.md#large-outputs-and-limits). A failure no retry can fix is rethrown as
/// <see cref="NonRetryablePhaseException"/>.
/// </summary>
public sealed class PhaseActivity(
    IPhaseExecutor executor, ILogger<PhaseActivity> logger, WorkerStopping stopping, IOptions<EngineOptions> options, EngineMetrics metrics, TimeProvider time)
    : TaskActivity<PhaseActivityInput, PhaseActivityResult>
{
    public override async Task<PhaseActivityResult> RunAsync(TaskActivityContext context, PhaseActivityInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        input = input with { RunId = context.InstanceId };
        var span = PhaseSpans.Start(input);
        var started = time.GetTimestamp();
        try
        {
            var result = await AttemptAsync(input);
            Ended(input, span, "succeeded", started, null);
            return result;
        }
        catch (Exception ex)
        {
            Ended(input, span, stopping.Token.IsCancellationRequested ? "interrupted" : "failed", started, ex);
            throw;
        }
    }

    // Every attempt is measured and traced where it ran, whatever the orchestrator later makes of it (docs/observability.md).
    private void Ended(PhaseActivityInput input, Activity? span, string outcome, long started, Exception? failure)
    {
        var duration = time.GetElapsedTime(started);
        metrics.PhaseAttempt(input.Plugin.Name, input.Phase, outcome, duration);
        PhaseSpans.End(span, outcome, duration, failure);
    }

    private async Task<PhaseActivityResult> AttemptAsync(PhaseActivityInput input)
    {
        logger.PhaseAttemptStarted(input.RunId, input.Plugin.Name, input.Phase, input.Attempt);
        try
        {
            var (request, head) = Request(input);
            var result = await executor.ExecuteAsync(input.Plugin, request, stopping.Token);
            logger.PhaseAttemptSucceeded(input.RunId, input.Plugin.Name, input.Phase, input.Attempt);
            var (present, dropped) = WorkspaceArtifacts.Check(input.WorkingDirectory, result.Artifacts.IsDefault ? [] : result.Artifacts);
            foreach (var artifact in dropped)
            {
                logger.ArtifactNotListed(input.RunId, input.Plugin.Name, input.Phase, artifact);
            }

            return Stored(input, PhaseActivityResult.From(result) with { Artifacts = present, Context = head });
        }
        catch (Exception) when (stopping.Token.IsCancellationRequested)
        {
            // Cut short by the worker stopping (SIGTERM, Ctrl+C), not failed: reported, it would count as a failed
            // attempt and could fail the run. Ending only once the worker has stopped, its result cannot reach the
            // sidecar, which gives the work item back; the attempt runs again when a worker continues the run
            // (docs/running-workflows.md#crashes-and-resuming).
            logger.PhaseAttemptInterrupted(input.RunId, input.Plugin.Name, input.Phase, input.Attempt);
            await stopping.WhenStoppedAsync();
            throw;
        }
        catch (PayloadException ex)
        {
            // A value over a limit comes back the same on every attempt, and a stored payload removed by hand does not come back.
            logger.PhaseAttemptFailed(input.RunId, input.Plugin.Name, input.Phase, input.Attempt, ex.Message);
            throw new NonRetryablePhaseException($"{ex.Message} (not retried)", ex);
        }
        catch (Exception ex)
        {
            logger.PhaseAttemptFailed(input.RunId, input.Plugin.Name, input.Phase, input.Attempt, ex.Message);
            if (PhaseFailures.WhyNotRetryable(ex) is { } reason)
            {
                throw new NonRetryablePhaseException($"{ex.Message} (not retried: {reason})", ex);
            }

            throw;
        }
    }

    // The phase sees every value whole: values stored by reference are read back from the workspace.
    private static (PhaseRequest Request, string? Head) Request(PhaseActivityInput input)
    {
        var workspace = input.WorkingDirectory;
        var given = input.Input is { } value ? PayloadStore.Resolve(workspace, value, "the run's input") : (JsonElement?)null;
        var (shared, head) = SharedContextStore.Build(workspace, input.Context);
        var request = new PhaseRequest
        {
            RunId = input.RunId,
            Plugin = input.Plugin.Name,
            PluginVersion = input.Plugin.Version,
            Phase = input.Phase,
            Attempt = input.Attempt,
            Input = InputMerge.Merge(input.InputDefaults, given) ?? default,
            Config = input.Config,
            Context = new PluginContext(
                PayloadStore.ResolveAll(workspace, shared.PhaseOutputs, PayloadStore.OutputOf),
                PayloadStore.ResolveAll(workspace, shared.Metadata, PayloadStore.MetadataValue)),
            WorkingDirectory = workspace,
        };
        return (request, head);
    }

    // Values above the threshold go to the workspace, so that the result the history keeps stays small.
    private PhaseActivityResult Stored(PhaseActivityInput input, PhaseActivityResult result)
    {
        var (threshold, max) = (options.Value.PayloadThreshold, options.Value.MaxPayload);
        var stored = result with
        {
            Output = result.Output is { } output
                ? PayloadStore.Offload(input.WorkingDirectory, output, PayloadStore.OutputOf(input.Phase), threshold, max)
                : null,
            Metadata = PayloadStore.OffloadAll(input.WorkingDirectory, result.Metadata, PayloadStore.MetadataValue, threshold, max),
        };
        PhaseResultLimit.Check(stored, input.Phase);
        return stored with { Stored = SharedContextStore.Put(input.WorkingDirectory, new StoredResult { Output = stored.Output, Metadata = stored.Metadata }) };
    }
}
