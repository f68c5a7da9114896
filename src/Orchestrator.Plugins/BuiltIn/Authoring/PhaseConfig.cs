using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.BuiltIn.Authoring;

/// <summary>Reads effective config values, falling back to the plugin's defaults when a key is absent.</summary>
internal sealed class PhaseConfig(ImmutableDictionary<string, JsonElement> values)
{
    public string GetString(string key, string fallback) => Find(key) is { } value
        ? value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Wrong(key, "a string", value)
        : fallback;

    public string GetChoice(string key, string fallback, IReadOnlyList<string> allowed)
    {
        var value = GetString(key, fallback);
        return allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new PhaseInputException(
                $"Config '{key}' is \"{value}\"; it must be one of {string.Join(", ", allowed)}. Fix the run config.");
    }

    public int GetInt(string key, int fallback, int min, int max)
    {
        if (Find(key) is not { } value)
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < min || number > max)
        {
            throw Wrong(key, $"an integer from {min} to {max}", value);
        }

        return number;
    }

    public double GetDouble(string key, double fallback, double min, double max)
    {
        if (Find(key) is not { } value)
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number || value.GetDouble() is var number && (number < min || number > max))
        {
            throw Wrong(key, $"a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}", value);
        }

        return number;
    }

    private JsonElement? Find(string key) =>
        values.TryGetValue(key, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? value : null;

    private static PhaseInputException Wrong(string key, string expected, JsonElement value) =>
        new($"Config '{key}' must be {expected}; got {value.GetRawText()}. Fix the run config.");
}
