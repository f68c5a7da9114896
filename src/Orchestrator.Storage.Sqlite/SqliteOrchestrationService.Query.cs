using System.Globalization;
using System.Text;
using DurableTask.Core;
using DurableTask.Core.Query;
using Orchestrator.Storage.Sqlite.Database;

namespace Orchestrator.Storage.Sqlite;

/// <summary>Queries (status, creation time, instance id prefix; keyset paging) and purge (by id, by filter, in batches).</summary>
public sealed partial class SqliteOrchestrationService
{
    private const int MaxPageSize = 1000;

    /// <summary>
    /// Instances matching the query, oldest first (by creation time, then instance id). The continuation token is set
    /// when more instances match; pass it back to get the next page.
    /// </summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>One page of instances.</returns>
    /// <exception cref="ArgumentException">The continuation token is not one this service issued.</exception>
    public Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize <= 0 ? 100 : query.PageSize, 1, MaxPageSize);
        return EnsureOpen().ReadAsync(connection =>
        {
            var after = query.ContinuationToken is { Length: > 0 } token ? DecodeToken(token) : ((long, string)?)null;
            using var command = connection.Connection.CreateCommand();
            var sql = new StringBuilder(query.FetchInputsAndOutputs ? InstanceRows.SelectWithInputs : InstanceRows.SelectWithoutInputs).Append(" WHERE 1 = 1");
            if (query.RuntimeStatus is { Count: > 0 } statuses)
            {
                sql.Append(" AND i.status IN (").AppendJoin(", ", statuses.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture))).Append(')');
            }

            if (query.CreatedTimeFrom is { } from)
            {
                sql.Append(" AND i.created_at >= $from");
                command.With("$from", from.ToUnixMs());
            }

            if (query.CreatedTimeTo is { } to)
            {
                sql.Append(" AND i.created_at <= $to");
                command.With("$to", to.ToUnixMs());
            }

            if (query.InstanceIdPrefix is { Length: > 0 } prefix)
            {
                sql.Append(" AND i.instance_id >= $prefix AND substr(i.instance_id, 1, length($prefix)) = $prefix");
                command.With("$prefix", prefix);
            }

            if (after is { } key)
            {
                sql.Append(" AND (i.created_at, i.instance_id) > ($after_created, $after_id)");
                command.With("$after_created", key.Item1).With("$after_id", key.Item2);
            }

            sql.Append(" ORDER BY i.created_at, i.instance_id LIMIT $limit");
            command.With("$limit", pageSize + 1);
            command.CommandText = sql.ToString();
            var states = new List<OrchestrationState>();
            var last = (Created: 0L, Id: string.Empty);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (states.Count == pageSize)
                {
                    return new OrchestrationQueryResult(states, EncodeToken(last.Created, last.Id));
                }

                states.Add(InstanceRows.ReadState(reader));
                last = (reader.GetInt64(5), reader.GetString(0));
            }

            return new OrchestrationQueryResult(states, null);
        }, cancellationToken);
    }

    /// <summary>Purges one instance with its history, messages and payloads, if it has finished.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <returns>1 when purged; 0 when it does not exist or has not finished.</returns>
    public async Task<PurgeResult> PurgeInstanceStateAsync(string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var purged = await EnsureOpen().WriteAsync(s =>
            InstanceRows.Find(s, instanceId) is { } row && InstanceRows.IsFinal(row.Status) ? InstanceRows.Delete(s, instanceId) : 0);
        return new PurgeResult(purged);
    }

    /// <summary>
    /// Purges finished instances created in the filter's time range (and with one of its statuses, when given), in
    /// batches of <see cref="SqliteOrchestrationServiceSettings.PurgeBatchSize"/> per transaction. Instances that have
    /// not finished are never purged, whatever the status filter says.
    /// </summary>
    /// <param name="purgeInstanceFilter">The filter.</param>
    /// <returns>How many instances were purged.</returns>
    public async Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter)
    {
        ArgumentNullException.ThrowIfNull(purgeInstanceFilter);
        var condition = new StringBuilder("created_at >= $from");
        var parameters = new List<(string, object?)> { ("$from", purgeInstanceFilter.CreatedTimeFrom.ToUnixMs()) };
        if (purgeInstanceFilter.CreatedTimeTo is { } to)
        {
            condition.Append(" AND created_at <= $to");
            parameters.Add(("$to", to.ToUnixMs()));
        }

        if (purgeInstanceFilter.RuntimeStatus?.ToList() is { Count: > 0 } statuses)
        {
            condition.Append(" AND status IN (").AppendJoin(", ", statuses.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture))).Append(')');
        }

        return new PurgeResult(await PurgeWhereAsync(condition.ToString(), parameters));
    }

    private async Task<int> PurgeWhereAsync(string condition, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        var store = EnsureOpen();
        var select = $"SELECT instance_id FROM instances WHERE status IN ({InstanceRows.FinalStatuses}) AND {condition} LIMIT $batch";
        var total = 0;
        while (true)
        {
            var purged = await store.WriteAsync(s =>
            {
                var command = s.Command(select);
                foreach (var (name, value) in parameters)
                {
                    command.With(name, value);
                }

                command.With("$batch", _settings.PurgeBatchSize);
                var ids = new List<string>();
                using (var reader = command.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        ids.Add(reader.GetString(0));
                    }
                }

                foreach (var id in ids)
                {
                    InstanceRows.Delete(s, id);
                }

                return ids.Count;
            });
            total += purged;
            if (purged < _settings.PurgeBatchSize)
            {
                if (total > 0)
                {
                    _logger.Purged(total, store.Path);
                }

                return total;
            }
        }
    }

    private static string EncodeToken(long created, string instanceId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{created}:{instanceId}")));

    private static (long, string) DecodeToken(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var created))
            {
                return (created, text[(colon + 1)..]);
            }
        }
        catch (FormatException)
        {
            // Reported below.
        }

        throw new ArgumentException($"The continuation token '{token}' was not issued by this store: pass the token of the previous page, or none for the first page.", nameof(token));
    }
}
