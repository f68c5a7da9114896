using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Data.Sqlite;

namespace Orchestrator.Storage.Sqlite.Database;

/// <summary>The instances table: creating, resetting, deleting and reading rows as <see cref="OrchestrationState"/>.</summary>
internal static class InstanceRows
{
    /// <summary>Columns of <see cref="ReadState"/>; <c>{0}</c> is the input/output selection.</summary>
    public const string StateColumns = """
        i.instance_id, i.execution_id, i.name, i.version, i.status, i.created_at, i.updated_at, i.completed_at,
        i.scheduled_start_at, i.parent, i.tags, COALESCE(i.custom_status, pc.text), i.failure, {0}
        FROM instances i
        LEFT JOIN payloads pc ON pc.payload_id = i.custom_status_payload
        """;

    public static readonly string SelectWithInputs = "SELECT " + string.Format(System.Globalization.CultureInfo.InvariantCulture, StateColumns, "COALESCE(i.input, pi.text), COALESCE(i.output, po.text)")
        + " LEFT JOIN payloads pi ON pi.payload_id = i.input_payload LEFT JOIN payloads po ON po.payload_id = i.output_payload";

    public static readonly string SelectWithoutInputs = "SELECT " + string.Format(System.Globalization.CultureInfo.InvariantCulture, StateColumns, "NULL, NULL");

    /// <summary>The final statuses as a SQL list, for <c>status IN (…)</c>.</summary>
    public static readonly string FinalStatuses = string.Join(", ", new[] { OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Terminated, OrchestrationStatus.Canceled }
        .Select(s => ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static bool IsFinal(OrchestrationStatus status) =>
        status is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled;

    public static OrchestrationState ReadState(SqliteDataReader reader) => new()
    {
        OrchestrationInstance = new OrchestrationInstance { InstanceId = reader.GetString(0), ExecutionId = reader.GetString(1) },
        Name = reader.GetString(2),
        Version = reader.NullableString(3),
        OrchestrationStatus = (OrchestrationStatus)reader.GetInt32(4),
        CreatedTime = SqlExtensions.FromUnixMs(reader.GetInt64(5)),
        LastUpdatedTime = SqlExtensions.FromUnixMs(reader.GetInt64(6)),
        CompletedTime = reader.NullableInt64(7) is { } completed ? SqlExtensions.FromUnixMs(completed) : default,
        ScheduledStartTime = reader.NullableInt64(8) is { } scheduled ? SqlExtensions.FromUnixMs(scheduled) : null,
        ParentInstance = EventSerializer.DeserializeObject<ParentInstance>(reader.NullableString(9)),
        // Never null: the gRPC server copies the tags into its response without a null check.
        Tags = EventSerializer.DeserializeObject<Dictionary<string, string>>(reader.NullableString(10)) ?? [],
        Status = reader.NullableString(11),
        FailureDetails = EventSerializer.DeserializeObject<FailureDetails>(reader.NullableString(12)),
        Input = reader.NullableString(13),
        Output = reader.NullableString(14),
    };

    /// <summary>Inserts a Pending instance for a start message (the row must not exist).</summary>
    public static void Insert(SqliteStore store, ExecutionStartedEvent started, long now, int threshold)
    {
        var instance = started.OrchestrationInstance;
        var input = StoredText.Put(store, instance.InstanceId, started.Input, threshold);
        store.Command("""
            INSERT INTO instances (instance_id, execution_id, name, version, status, created_at, updated_at, scheduled_start_at, parent, tags, input, input_payload)
            VALUES ($id, $execution, $name, $version, $status, $now, $now, $scheduled, $parent, $tags, $input, $input_payload)
            """)
            .With("$id", instance.InstanceId)
            .With("$execution", instance.ExecutionId)
            .With("$name", started.Name ?? string.Empty)
            .With("$version", started.Version)
            .With("$status", (int)OrchestrationStatus.Pending)
            .With("$now", now)
            .With("$scheduled", started.ScheduledStartTime?.ToUnixMs())
            .With("$parent", started.ParentInstance is null ? null : EventSerializer.SerializeObject(started.ParentInstance))
            .With("$tags", started.Tags is { Count: > 0 } ? EventSerializer.SerializeObject(started.Tags) : null)
            .With("$input", input.Inline)
            .With("$input_payload", input.PayloadId)
            .ExecuteNonQuery();
    }

    /// <summary>Deletes an instance with everything it has: history, messages, tasks and (through triggers) payloads.</summary>
    public static int Delete(SqliteStore store, string instanceId)
    {
        store.Command("DELETE FROM history WHERE instance_id = $id").With("$id", instanceId).ExecuteNonQuery();
        store.Command("DELETE FROM messages WHERE instance_id = $id").With("$id", instanceId).ExecuteNonQuery();
        store.Command("DELETE FROM tasks WHERE instance_id = $id").With("$id", instanceId).ExecuteNonQuery();
        var deleted = store.Command("DELETE FROM instances WHERE instance_id = $id").With("$id", instanceId).ExecuteNonQuery();
        store.Command("DELETE FROM payloads WHERE instance_id = $id").With("$id", instanceId).ExecuteNonQuery();
        return deleted;
    }

    /// <summary>The status and execution of an instance, or <c>null</c> when it does not exist.</summary>
    public static (OrchestrationStatus Status, string ExecutionId)? Find(SqliteStore store, string instanceId)
    {
        using var reader = store.Command("SELECT status, execution_id FROM instances WHERE instance_id = $id").With("$id", instanceId).ExecuteReader();
        return reader.Read() ? ((OrchestrationStatus)reader.GetInt32(0), reader.GetString(1)) : null;
    }
}
