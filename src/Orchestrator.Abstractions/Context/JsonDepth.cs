using System.Text.Json;

namespace Orchestrator.Abstractions.Context;

/// <summary>Measures how deeply a JSON value nests, so values that could not be read back are refused up front.</summary>
internal static class JsonDepth
{
    /// <summary>Whether <paramref name="value"/> nests objects and arrays more than <paramref name="limit"/> levels (a scalar is 0, <c>{}</c> is 1).</summary>
    public static bool Exceeds(JsonElement value, int limit) => Exceeds(value, limit, 0);

    private static bool Exceeds(JsonElement value, int limit, int depth)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                if (depth + 1 > limit)
                {
                    return true;
                }

                foreach (var property in value.EnumerateObject())
                {
                    if (Exceeds(property.Value, limit, depth + 1))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                if (depth + 1 > limit)
                {
                    return true;
                }

                foreach (var item in value.EnumerateArray())
                {
                    if (Exceeds(item, limit, depth + 1))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }
}
