using System.Text.Json;
using Microsoft.DurableTask.Client;
using Orchestrator.Engine.Orchestrations;
using Orchestrator.Engine.Payloads;

namespace Orchestrator.Engine.Runs;

/// <summary>Reading back the values a run stored by reference (docs/running-workflows.md#large-outputs-and-limits).</summary>
public sealed partial class RunService
{
    /// <summary>
    /// The record with every value stored in the run's workspace read back: its output (shared data, result, each
    /// step's) and the shared data of its progress. A value whose file is gone stays a reference, and a warning says why.
    /// </summary>
    private RunRecord WithPayloads(RunRecord record, OrchestrationMetadata metadata)
    {
        if (WorkspaceOf(metadata) is not { } workspace)
        {
            return record;
        }

        try
        {
            var output = record.Output is { } stored ? Resolve(workspace, stored) : null;

            // A completed run's progress shows its output's shared data (see WithSharedData): read back once.
            return record with
            {
                Output = output,
                Progress = record.Progress is { SharedData: { } shared } progress
                    ? progress with { SharedData = output is not null && ReferenceEquals(shared, record.Output!.SharedData) ? output.SharedData : PayloadStore.ResolveShared(workspace, shared) }
                    : record.Progress,
            };
        }
        catch (PayloadException ex)
        {
            logger.PayloadNotRead(record.RunId, ex.Message);
            return record;
        }
    }

    /// <summary>
    /// The record with the phase outputs and metadata its status names (<see cref="RunProgress.Context"/>) read back from
    /// the run's workspace into the shared data of its progress. When they cannot be read, the progress has no shared
    /// data and <see cref="RunProgress.Omitted"/> says why.
    /// </summary>
    private RunRecord WithSharedData(RunRecord record, OrchestrationMetadata metadata)
    {
        if (record.Progress is not { Context: { } context } progress)
        {
            return WithSavedSharedData(record);
        }

        if (progress.SharedData is not { } shared)
        {
            return WithSavedSharedData(record with { Progress = progress with { Context = null } });
        }

        // A completed run's output holds its whole shared data already: no need to read it from the workspace again.
        if (record.Output is { SharedData: var output })
        {
            return record with { Progress = progress with { SharedData = output, Context = null } };
        }

        if (WorkspaceOf(metadata) is not { } workspace)
        {
            return record with { Progress = Unread(progress, $"the run's workspace is not in this data directory ({workspaces.RunsDirectory})") };
        }

        try
        {
            var view = SharedContextStore.Read(workspace, context);
            return record with { Progress = progress with { SharedData = shared with { PhaseOutputs = view.PhaseOutputs, Metadata = view.Metadata }, Context = null } };
        }
        catch (PayloadException ex)
        {
            logger.PayloadNotRead(record.RunId, ex.Message);
            return record with { Progress = Unread(progress, ex.Message) };
        }
    }

    /// <summary>The progress as run lists show it: without shared data, which <see cref="GetAsync(string, CancellationToken)"/> has.</summary>
    internal static RunRecord WithoutSharedData(RunRecord record) =>
        record.Progress is { } progress ? record with { Progress = progress with { SharedData = null, Context = null } } : record;

    private static RunProgress Unread(RunProgress progress, string why) => progress with
    {
        SharedData = null,
        Context = null,
        Omitted = progress.Omitted is { } omitted ? $"{omitted}; the shared data cannot be read: {why}" : $"the shared data cannot be read: {why}",
    };

    private static RunOutput Resolve(string workspace, RunOutput output) => output with
    {
        SharedData = PayloadStore.ResolveShared(workspace, output.SharedData),
        Result = output.Result is { } result ? PayloadStore.Resolve(workspace, result, "the run's result") : null,
        Steps = [.. output.Steps.Select(s => s with { Output = Resolve(workspace, s.Output) })],
    };

    // The workspace named in the run's stored input, when it is in this data directory: values are read only from there.
    private string? WorkspaceOf(OrchestrationMetadata metadata)
    {
        string? workspace;
        try
        {
            workspace = metadata.Name == OrchestrationNames.Workflow
                ? metadata.ReadInputAs<WorkflowInput>()?.Workspace
                : metadata.ReadInputAs<RunInput>()?.Workspace;
        }
        catch (JsonException)
        {
            return null;
        }

        var path = string.IsNullOrEmpty(workspace) ? string.Empty : Path.GetFullPath(workspace);
        return path.StartsWith(workspaces.RunsDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? path : null;
    }
}
