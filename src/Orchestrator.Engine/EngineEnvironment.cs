using System.Collections;

namespace Orchestrator.Engine;

/// <summary>The environment the engine reads: the configured one, or the process's.</summary>
internal static class EngineEnvironment
{
    public static IReadOnlyDictionary<string, string> Of(EngineOptions options)
    {
        if (options.Environment is { } configured)
        {
            return configured;
        }

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
