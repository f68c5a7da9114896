using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Orchestrator.Contracts;
using Orchestrator.Server.Problems;

namespace Orchestrator.Server.Endpoints;

/// <summary>
/// Reads request bodies. The body limit is enforced while reading (413); malformed JSON and unknown fields are 400s
/// that say where the problem is.
/// </summary>
internal static class JsonBody
{
    /// <summary>How bodies are read: <see cref="ContractJson.Options"/>, and a misspelt field is an error rather than ignored.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The body deserialized, or null when the request has no body.</summary>
    public static async Task<T?> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        var bytes = await ReadBytesAsync(request, cancellationToken);
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(bytes, Options)
                ?? throw new ApiProblemException(StatusCodes.Status400BadRequest, "the body is JSON null; send an object");
        }
        catch (JsonException ex)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, Describe(ex));
        }
    }

    /// <summary>The body deserialized; a 400 problem naming <paramref name="example"/> when it is missing.</summary>
    public static async Task<T> ReadRequiredAsync<T>(HttpRequest request, string example, CancellationToken cancellationToken)
        where T : class =>
        await ReadAsync<T>(request, cancellationToken)
            ?? throw new ApiProblemException(StatusCodes.Status400BadRequest, $"a JSON body is required, e.g. {example}");

    /// <summary>Any JSON value as the body (an event payload), or null when there is no body.</summary>
    public static async Task<JsonElement?> ReadValueAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var bytes = await ReadBytesAsync(request, cancellationToken);
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<JsonElement>(bytes, Options);
        }
        catch (JsonException ex)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, Describe(ex));
        }
    }

    /// <summary>The raw body; the server's body limit applies while it is read.</summary>
    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>A one-line description of a JSON error that says where it is.</summary>
    public static string Describe(JsonException ex)
    {
        var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {ex.BytePositionInLine + 1}" : string.Empty;
        var path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? string.Empty : $" (field {ex.Path})";
        var message = ex.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return $"the body is not valid JSON{where}{path}: {(cut > 0 ? message[..cut] : message)}";
    }

    private static JsonSerializerOptions CreateOptions() => new(ContractJson.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
    };
}
