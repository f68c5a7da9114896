using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Orchestrator.Abstractions.Context;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Engine.Workspaces;
using Orchestrator.Plugins.Execution;

namespace Orchestrator.Engine.Activities;

/// <summary>
/// Runs one phase attempt through the plugin executor, which enforces the phase timeout (cancellation in process,
/// process-tree kill for executables). Registered under every <c>&lt;plugin&gt;.&lt;phase&gt;</c> name by
/// <see cref="PluginTaskFactory"/>, including plugins that hot reload adds after the worker started. The phase's
/// context is a view of the run's shared data as the orchestrator sent it; a failure no retry can fix is rethrown
/// as <see cref="NonRetryablePhaseException"/>.
/// </summary>
public sealed class PhaseActivity(IPhaseExecutor executor, ILogger<PhaseActivity> logger, WorkerStopping stopping)
    : TaskActivity<PhaseActivityInput, PhaseActivityResult>
{
    public override async Task<PhaseActivityResult> RunAsync(TaskActivityContext context, PhaseActivityInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Directory.CreateDirectory(input.WorkingDirectory);
        var request = new PhaseRequest
        {
            RunId = input.RunId,
            Plugin = input.Plugin.Name,
            PluginVersion = input.Plugin.Version,
            Phase = input.Phase,
            Attempt = input.Attempt,
            Input = input.Input ?? default,
            Config = input.Config,
            Context = new PluginContext(input.PhaseOutputs, input.Metadata),
            WorkingDirectory = input.WorkingDirectory,
        };
        logger.PhaseAttemptStarted(input.RunId, input.Plugin.Name, input.Phase, input.Attempt);
        try
        {
            var result = await executor.ExecuteAsync(input.Plugin, request, stopping.Token);
            logger.PhaseAttemptSucceeded(input.RunId, input.Plugin.Name, input.Phase, input.Attempt);
            var (present, dropped) = WorkspaceArtifacts.Check(input.WorkingDirectory, result.Artifacts.IsDefault ? [] : result.Artifacts);
            foreach (var artifact in dropped)
            {
                logger.ArtifactNotListed(input.RunId, input.Plugin.Name, input.Phase, artifact);
            }

            return PhaseActivityResult.From(result) with { Artifacts = present };
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
}
