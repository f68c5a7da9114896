using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Orchestrator.Contracts;
using Orchestrator.Engine.Runs;
using Orchestrator.Server.Problems;

namespace Orchestrator.Server.Endpoints;

/// <summary>
/// Reads request bodies. The body limit is enforced while reading (413). Malformed JSON, a key given twice, text that
/// is not valid Unicode, an unknown field and a field of the wrong kind are 400s that say where the problem is, in
/// JSON's terms (docs/rest-api.md#errors).
/// </summary>
internal static class JsonBody
{
    /// <summary>How bodies are read: <see cref="ContractJson.Options"/>, and a misspelt field is an error rather than ignored.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = JsonValues.MessageDepth };

    /// <summary>The body deserialized, or null when the request has no body.</summary>
    public static async Task<T?> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        using var document = await ParseAsync(request, cancellationToken);
        if (document is null)
        {
            return null;
        }

        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Null)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "the body is JSON null; send an object");
        }

        var errors = BodyShape.Problems(root, Options.GetTypeInfo(typeof(T)));
        if (errors.Count > 0)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, Summary(errors), errors);
        }

        try
        {
            return root.Deserialize<T>(Options)!;
        }
        catch (JsonException ex)
        {
            // The shape was checked above; what is left (a number out of range) is named by its field alone.
            throw new ApiProblemException(StatusCodes.Status400BadRequest, $"field {ex.Path} has a value that does not fit it");
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
        using var document = await ParseAsync(request, cancellationToken);
        return document?.RootElement.Clone();
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
        foreach (var tail in new[] { " Path: ", " LineNumber: " })
        {
            var cut = message.IndexOf(tail, StringComparison.Ordinal);
            message = cut > 0 ? message[..cut] : message;
        }

        return $"the body is not valid JSON{where}{path}: {message}";
    }

    /// <summary>The body as a document checked by <see cref="JsonValues"/> (keys once, valid Unicode); null when empty.</summary>
    private static async Task<JsonDocument?> ParseAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var bytes = await ReadBytesAsync(request, cancellationToken);
        if (bytes.Length == 0)
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, TooDeep(bytes)
                ? $"the body nests objects and arrays more than {JsonValues.MessageDepth} levels deep; a value a run carries may nest at most {JsonValues.MaxDepth}"
                : Describe(ex));
        }

        var errors = new List<string>();
        JsonValues.Check(document.RootElement, "the body", int.MaxValue, errors);
        if (errors.Count > 0)
        {
            document.Dispose();
            throw new ApiProblemException(StatusCodes.Status400BadRequest, Summary(errors), errors);
        }

        return document;
    }

    private static bool TooDeep(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = JsonValues.MessageDepth + 1 });
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth >= JsonValues.MessageDepth)
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed before it got too deep: the parser's own message says where.
        }

        return false;
    }

    private static string Summary(IReadOnlyList<string> errors) =>
        errors.Count == 1 ? errors[0] : $"the body has {errors.Count} problems; see errors";

    private static JsonSerializerOptions CreateOptions() => new(ContractJson.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
    };
}
