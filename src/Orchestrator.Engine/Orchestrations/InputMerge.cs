using System.Text.Json;

namespace Orchestrator.Engine.Orchestrations;

/// <summary>Fills missing fields of an input from defaults: both objects → shallow merge (the input wins); else the input, or the defaults when there is none.</summary>
public static class InputMerge
{
    public static JsonElement? Merge(JsonElement? defaults, JsonElement? given)
    {
        if (given is not { } value || value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return defaults;
        }

        if (defaults is not { ValueKind: JsonValueKind.Object } baseObject || value.ValueKind != JsonValueKind.Object)
        {
            return value;
        }

        var merged = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in baseObject.EnumerateObject())
        {
            merged[property.Name] = property.Value;
        }

        foreach (var property in value.EnumerateObject())
        {
            merged[property.Name] = property.Value;
        }

        return JsonSerializer.SerializeToElement(merged);
    }
}
