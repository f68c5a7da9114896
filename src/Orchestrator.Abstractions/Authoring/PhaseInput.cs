using System.Text.Json;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Abstractions.Authoring;

/// <summary>
/// Reads fields of the run input (<see cref="PhaseRequest.Input"/>), which must be a JSON object; a missing or wrong
/// field fails the attempt with a <see cref="PhaseInputException"/> that says which field to fix and how.
/// </summary>
/// <param name="input">The run input.</param>
public sealed class PhaseInput(JsonElement input)
{
    /// <summary>A required, non-empty string field, trimmed.</summary>
    /// <param name="field">The field name.</param>
    /// <param name="maxLength">The longest accepted value.</param>
    /// <param name="example">An input that would work, shown when the field is missing.</param>
    /// <returns>The value.</returns>
    /// <exception cref="PhaseInputException">The input is not an object, or the field is missing, empty, not a string or too long.</exception>
    public string RequireString(string field, int maxLength, string example)
    {
        var value = OptionalString(field, maxLength);
        return string.IsNullOrWhiteSpace(value)
            ? throw new PhaseInputException($"The run input needs a non-empty string field \"{field}\", for example {example}.")
            : value;
    }

    /// <summary>An optional string field, trimmed.</summary>
    /// <param name="field">The field name.</param>
    /// <param name="maxLength">The longest accepted value.</param>
    /// <returns>The value; null when the field is absent or null.</returns>
    /// <exception cref="PhaseInputException">The input is not an object, or the field is not a string or too long.</exception>
    public string? OptionalString(string field, int maxLength)
    {
        if (Find(field) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new PhaseInputException($"Input field \"{field}\" must be a string; got {value.ValueKind.ToString().ToLowerInvariant()} {Clip(value.GetRawText())}.");
        }

        var text = value.GetString()!.Trim();
        return text.Length > maxLength
            ? throw new PhaseInputException($"Input field \"{field}\" is {text.Length} characters long; keep it to {maxLength}.")
            : text;
    }

    /// <summary>An optional whole-number field from <paramref name="min"/> to <paramref name="max"/>.</summary>
    /// <param name="field">The field name.</param>
    /// <param name="min">The smallest accepted value.</param>
    /// <param name="max">The largest accepted value.</param>
    /// <returns>The value; null when the field is absent or null.</returns>
    /// <exception cref="PhaseInputException">The input is not an object, or the field is not an integer in range.</exception>
    public int? OptionalInt(string field, int min, int max)
    {
        if (Find(field) is not { } value)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max
            ? number
            : throw new PhaseInputException($"Input field \"{field}\" must be an integer from {min} to {max}; got {Clip(value.GetRawText())}.");
    }

    /// <summary>A required, non-empty array of non-empty strings, each trimmed.</summary>
    /// <param name="field">The field name.</param>
    /// <param name="maxItems">The most items accepted.</param>
    /// <param name="example">An input that would work, shown when the field is missing.</param>
    /// <returns>The items in order.</returns>
    /// <exception cref="PhaseInputException">The input is not an object, or the field is missing, empty, too long or holds a non-string.</exception>
    public IReadOnlyList<string> RequireStrings(string field, int maxItems, string example)
    {
        if (Find(field) is not { ValueKind: JsonValueKind.Array } value || value.GetArrayLength() == 0)
        {
            throw new PhaseInputException($"The run input needs a non-empty array of strings \"{field}\", for example {example}.");
        }

        if (value.GetArrayLength() > maxItems)
        {
            throw new PhaseInputException($"Input field \"{field}\" has {value.GetArrayLength()} items; at most {maxItems} are allowed.");
        }

        return [.. value.EnumerateArray().Select((item, index) =>
            item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString())
                ? item.GetString()!.Trim()
                : throw new PhaseInputException($"Input field \"{field}[{index}]\" must be a non-empty string; got {Clip(item.GetRawText())}."))];
    }

    private JsonElement? Find(string field)
    {
        if (input.ValueKind != JsonValueKind.Object)
        {
            throw new PhaseInputException(
                $"The run input must be a JSON object; got {(input.ValueKind == JsonValueKind.Undefined ? "no input" : input.ValueKind.ToString().ToLowerInvariant())}.");
        }

        return input.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    private static string Clip(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
