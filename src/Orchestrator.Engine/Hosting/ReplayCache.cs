using System.Collections.Concurrent;

namespace Orchestrator.Engine.Hosting;

/// <summary>
/// The values deserialized from messages that every replay of an orchestration reads again (its input, the results of
/// the activities it awaited), by their exact JSON text. Two generations bound it: when the current one holds
/// <see cref="CharacterBudget"/> characters of JSON it becomes the previous one and the one before is dropped, so a
/// value read again within the last two generations is found, and the memory held stays below twice the budget.
/// </summary>
internal sealed class ReplayCache(long characterBudget)
{
    private readonly Lock _swap = new();
    private Generation _current = new();
    private Generation _previous = new();

    public long CharacterBudget { get; } = characterBudget;

    /// <summary>The value of <paramref name="json"/> as <paramref name="type"/>, made by <paramref name="create"/> the first time.</summary>
    public object? GetOrAdd(Type type, string json, Func<string, Type, object?> create)
    {
        var key = new Key(type, json);
        var current = _current;
        if (current.Values.TryGetValue(key, out var value))
        {
            return value;
        }

        if (!_previous.Values.TryGetValue(key, out value))
        {
            value = create(json, type);
        }

        if (current.Values.TryAdd(key, value) && Interlocked.Add(ref current.Characters, json.Length) > CharacterBudget)
        {
            lock (_swap)
            {
                if (_current == current)
                {
                    _previous = current;
                    _current = new Generation();
                }
            }
        }

        return value;
    }

    private readonly record struct Key(Type Type, string Json);

    private sealed class Generation
    {
        public readonly ConcurrentDictionary<Key, object?> Values = new();
        public long Characters;
    }
}
