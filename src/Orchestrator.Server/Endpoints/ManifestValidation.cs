using System.Text;
using Microsoft.AspNetCore.Http;
using Orchestrator.Contracts;
using Orchestrator.Contracts.Problems;
using Orchestrator.Documents.Parsing;
using Orchestrator.Plugins.Manifests;
using Orchestrator.Server.Problems;

namespace Orchestrator.Server.Endpoints;

/// <summary><c>POST /api/plugins/validate</c>: the body is a manifest; the answer lists every problem it has.</summary>
internal static class ManifestValidation
{
    private const string DisplayPath = "plugin manifest";

    public static async Task<IResult> ValidateAsync(HttpRequest request, string? format, CancellationToken cancellationToken)
    {
        var bytes = await JsonBody.ReadBytesAsync(request, cancellationToken);
        if (bytes.Length == 0)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "send the manifest (plugin.yaml or plugin.json content) as the request body");
        }

        string content;
        try
        {
            content = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "the manifest is not UTF-8 text");
        }

        var manifestFormat = Format(format, request.ContentType, content);
        var result = ManifestReader.Parse(content, manifestFormat, DisplayPath, null, cancellationToken);
        return Results.Json(ValidationResult.From(null, result), ContractJson.Options);
    }

    private static DocumentFormat Format(string? format, string? contentType, string content)
    {
        if (format is not null)
        {
            return format.ToLowerInvariant() switch
            {
                "yaml" or "yml" => DocumentFormat.Yaml,
                "json" => DocumentFormat.Json,
                _ => throw new ApiProblemException(StatusCodes.Status400BadRequest, $"format '{format}' is not yaml or json"),
            };
        }

        if (contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            return DocumentFormat.Json;
        }

        return content.TrimStart().StartsWith('{') ? DocumentFormat.Json : DocumentFormat.Yaml;
    }
}
