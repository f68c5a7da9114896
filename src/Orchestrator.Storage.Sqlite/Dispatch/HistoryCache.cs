using System.Collections.Concurrent;
using DurableTask.Core.History;

namespace Orchestrator.Storage.Sqlite.Dispatch;

/// <summary>
/// The last committed history of running instances, kept in memory (this service is the database's only writer), so
/// the next episode of an instance skips reading and parsing its history: parsing was the largest CPU cost per episode.
/// An entry is used only when the database still holds the same execution with the same number of events.
/// </summary>
internal sealed class HistoryCache
{
    private const int MaxEntries = 20_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public void Store(string instanceId, string executionId, IList<HistoryEvent> events)
    {
        if (_entries.Count >= MaxEntries)
        {
            // Rarely reached (that many instances mid-run): start over rather than track recency.
            _entries.Clear();
        }

        _entries[instanceId] = new Entry(executionId, [.. events]);
    }

    public void Remove(string instanceId) => _entries.TryRemove(instanceId, out _);

    public void Clear() => _entries.Clear();

    /// <summary>A copy of the cached events when they match what the database holds.</summary>
    public List<HistoryEvent>? TryGet(string instanceId, string executionId, long storedCount) =>
        _entries.TryGetValue(instanceId, out var entry) && entry.ExecutionId == executionId && entry.Events.Length == storedCount
            ? [.. entry.Events]
            : null;

    private sealed record Entry(string ExecutionId, HistoryEvent[] Events);
}
