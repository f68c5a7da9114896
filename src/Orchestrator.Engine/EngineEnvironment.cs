using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Orchestrator.Engine;

/// <summary>The environment the engine reads: the configured one, or the process's.</summary>
internal static class EngineEnvironment
{
    public static IReadOnlyDictionary<string, string> Of(EngineOptions options) => options.Environment ?? ProcessEnvironment.Instance;

    // The process's variables, each read when it is asked for: every start looks up a few, and copying all of them
    // each time cost more than the rest of its planning.
    private sealed class ProcessEnvironment : IReadOnlyDictionary<string, string>
    {
        public static ProcessEnvironment Instance { get; } = new();

        public int Count => Snapshot().Count;

        public IEnumerable<string> Keys => Snapshot().Keys;

        public IEnumerable<string> Values => Snapshot().Values;

        public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"the environment variable '{key}' is not set");

        public bool ContainsKey(string key) => TryGetValue(key, out _);

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
        {
            value = Environment.GetEnvironmentVariable(key);
            return value is not null;
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => Snapshot().GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private static Dictionary<string, string> Snapshot()
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            {
                if (entry.Key is string key && entry.Value is string value)
                {
                    result[key] = value;
                }
            }

            return result;
        }
    }
}
