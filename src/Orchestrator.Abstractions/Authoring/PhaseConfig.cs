using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Abstractions.Authoring;

/// <summary>
/// Reads the phase's effective config (<see cref="PhaseRequest.Config"/>) with a fallback for an absent or null key;
/// a value of the wrong type or out of range fails the attempt with a <see cref="PhaseInputException"/> naming the key.
/// </summary>
/// <param name="values">The effective config.</param>
public sealed class PhaseConfig(ImmutableDictionary<string, JsonElement> values)
{
    /// <summary>A string value.</summary>
    /// <param name="key">The config key.</param>
    /// <param name="fallback">The value when the key is absent or null.</param>
    /// <returns>The value.</returns>
    /// <exception cref="PhaseInputException">The value is not a string.</exception>
    public string GetString(string key, string fallback) => Find(key) is { } value
        ? value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Wrong(key, "a string", value)
        : fallback;

    /// <summary>A string value that must be one of <paramref name="allowed"/>.</summary>
    /// <param name="key">The config key.</param>
    /// <param name="fallback">The value when the key is absent or null.</param>
    /// <param name="allowed">The accepted values (ordinal comparison).</param>
    /// <returns>The value.</returns>
    /// <exception cref="PhaseInputException">The value is not a string or not one of <paramref name="allowed"/>.</exception>
    public string GetChoice(string key, string fallback, IReadOnlyList<string> allowed)
    {
        var value = GetString(key, fallback);
        return allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new PhaseInputException(
                $"Config '{key}' is \"{value}\"; it must be one of {string.Join(", ", allowed)}. Fix the run config.");
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    /// <param name="key">The config key.</param>
    /// <param name="fallback">The value when the key is absent or null.</param>
    /// <param name="min">The smallest accepted value.</param>
    /// <param name="max">The largest accepted value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="PhaseInputException">The value is not an integer in range.</exception>
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

    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    /// <param name="key">The config key.</param>
    /// <param name="fallback">The value when the key is absent or null.</param>
    /// <param name="min">The smallest accepted value.</param>
    /// <param name="max">The largest accepted value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="PhaseInputException">The value is not a number in range.</exception>
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
