using System.Text.Json;

namespace Orchestrator.Engine.Payloads;

/// <summary>
/// What the run's history carries in place of a value stored outside it (docs/running-workflows.md#large-outputs-and-limits):
/// <c>{"orchestrator_payload":{"sha256":"…","bytes":N}}</c>, naming the file
/// <c>&lt;workspace&gt;/.orchestrator/payloads/&lt;sha256&gt;.json</c> that holds the value's JSON.
/// </summary>
/// <param name="Sha256">The lowercase hex SHA-256 of the value's JSON text, which is also its file name.</param>
/// <param name="Bytes">The length of that JSON text in UTF-8 bytes.</param>
public sealed record PayloadReference(string Sha256, long Bytes)
{
    /// <summary>The one property of a reference object.</summary>
    public const string PropertyName = "orchestrator_payload";

    /// <summary>The reference as the JSON value stored in place of the payload.</summary>
    public JsonElement ToElement() =>
        JsonSerializer.SerializeToElement(new Dictionary<string, object> { [PropertyName] = new Dictionary<string, object> { ["sha256"] = Sha256, ["bytes"] = Bytes } });

    /// <summary>Reads <paramref name="value"/> as a reference: an object with only <see cref="PropertyName"/>, holding a SHA-256 and a length.</summary>
    public static bool TryRead(JsonElement value, out PayloadReference reference)
    {
        reference = null!;
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(PropertyName, out var inner) || inner.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (value.EnumerateObject().Count() != 1)
        {
            return false;
        }

        if (!inner.TryGetProperty("sha256", out var sha) || sha.ValueKind != JsonValueKind.String || sha.GetString() is not { Length: 64 } hash || !hash.All(char.IsAsciiHexDigitLower)
            || !inner.TryGetProperty("bytes", out var bytes) || bytes.ValueKind != JsonValueKind.Number || !bytes.TryGetInt64(out var length) || length < 0)
        {
            return false;
        }

        reference = new PayloadReference(hash, length);
        return true;
    }

    /// <summary>Whether <paramref name="value"/> is a reference.</summary>
    public static bool IsReference(JsonElement? value) => value is { } element && TryRead(element, out _);
}
