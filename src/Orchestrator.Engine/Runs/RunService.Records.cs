using System.Text;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Orchestrator.Abstractions;
using Orchestrator.Abstractions.Context;
using Orchestrator.Engine.Orchestrations;

namespace Orchestrator.Engine.Runs;

/// <summary>Mapping durable instance metadata to run records.</summary>
public sealed partial class RunService
{
    internal static RunRecord ToRecord(OrchestrationMetadata metadata)
    {
        var status = ToStatus(metadata.RuntimeStatus);
        var header = InputHeader(metadata.SerializedInput);
        var (workflow, plugin) = Target(metadata);
        return new RunRecord
        {
            RunId = metadata.InstanceId,
            Kind = metadata.Name,
            Status = status,
            CreatedAt = header.CreatedAt ?? metadata.CreatedAt,
            RetryOf = header.RetryOf,
            LastUpdatedAt = metadata.LastUpdatedAt,
            Workflow = workflow,
            Plugin = plugin,
            Progress = metadata.SerializedCustomStatus is null ? null : metadata.ReadCustomStatusAs<RunProgress>(),
            Output = status == RunStatus.Completed && metadata.SerializedOutput is not null ? metadata.ReadOutputAs<RunOutput>() : null,
            Failure = status == RunStatus.Failed ? metadata.FailureDetails?.ErrorMessage ?? "failed" : null,
            FailureType = status == RunStatus.Failed ? metadata.FailureDetails?.ErrorType : null,
        };
    }

    /// <summary>The workflow a run was started from, and the plugin version a plugin run is pinned to, from its stored input.</summary>
    private static (string? Workflow, Plugins.Execution.PluginIdentity? Plugin) Target(OrchestrationMetadata metadata)
    {
        if (metadata.SerializedInput is null)
        {
            return (null, null);
        }

        try
        {
            return metadata.Name switch
            {
                OrchestrationNames.Run when metadata.ReadInputAs<RunInput>() is { } run => (run.Workflow, run.Plugin),
                OrchestrationNames.Workflow => (metadata.ReadInputAs<WorkflowInput>()?.Workflow, null),
                _ => (null, null),
            };
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>
    /// A failed run whose shared data was too big for its status has it in a file in its workspace: read it back when
    /// the file is in this data directory. Otherwise the record keeps naming the file.
    /// </summary>
    private RunRecord WithSavedSharedData(RunRecord record)
    {
        if (record.Progress is not { SharedData: null, SharedDataFile: { } file } progress)
        {
            return record;
        }

        var path = Path.GetFullPath(file);
        if (!path.StartsWith(workspaces.RunsDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
        {
            return record;
        }

        try
        {
            using var stream = File.OpenRead(path);
            var shared = JsonSerializer.Deserialize<SharedData>(stream, OrchestratorJson.Options);
            return shared is null ? record : record with { Progress = progress with { SharedData = shared } };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return record;
        }
    }

    /// <summary>
    /// <see cref="RunInput.CreatedAt"/> (or the workflow's), read from the first property of the stored input without
    /// reading the rest; null for a run started before it was recorded.
    /// </summary>
    internal static DateTimeOffset? RequestedAt(string? serializedInput) => InputHeader(serializedInput).CreatedAt;

    /// <summary>
    /// <see cref="RunInput.CreatedAt"/> and <see cref="RunInput.RetryOf"/>, read from the first two properties of the
    /// stored input without reading the rest; null where the input does not start with them.
    /// </summary>
    internal static (DateTimeOffset? CreatedAt, string? RetryOf) InputHeader(string? serializedInput)
    {
        if (serializedInput is null)
        {
            return (null, null);
        }

        // created_at, then a retry_of of at most a run id's length.
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(serializedInput, 0, Math.Min(serializedInput.Length, 400)), isFinalBlock: false, state: default);
        try
        {
            if (!(reader.Read() && reader.TokenType == JsonTokenType.StartObject
                && reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("created_at"u8)
                && reader.Read() && reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var at)))
            {
                return (null, null);
            }

            var retryOf = reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("retry_of"u8)
                && reader.Read() && reader.TokenType == JsonTokenType.String
                ? reader.GetString()
                : null;
            return (at, retryOf);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>Whether the instance is a workflow's schedule (docs/schedules.md), which is no run.</summary>
    private static bool IsSchedule(OrchestrationMetadata metadata) => metadata.Name == Schedules.ScheduleNames.Orchestration;

    internal static RunStatus ToStatus(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => RunStatus.Pending,
        OrchestrationRuntimeStatus.Running => RunStatus.Running,
        OrchestrationRuntimeStatus.Suspended => RunStatus.Suspended,
        OrchestrationRuntimeStatus.Completed => RunStatus.Completed,
        OrchestrationRuntimeStatus.Failed => RunStatus.Failed,
        _ => RunStatus.Terminated,
    };

    internal static IEnumerable<OrchestrationRuntimeStatus> ToRuntime(RunStatus status) => status switch
    {
        RunStatus.Pending => [OrchestrationRuntimeStatus.Pending],
        RunStatus.Running => [OrchestrationRuntimeStatus.Running],
        RunStatus.Suspended => [OrchestrationRuntimeStatus.Suspended],
        RunStatus.Completed => [OrchestrationRuntimeStatus.Completed],
        RunStatus.Failed => [OrchestrationRuntimeStatus.Failed],
        _ => [OrchestrationRuntimeStatus.Terminated],
    };
}
