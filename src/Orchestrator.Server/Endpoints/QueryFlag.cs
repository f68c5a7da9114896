using Microsoft.AspNetCore.Http;
using Orchestrator.Server.Problems;

namespace Orchestrator.Server.Endpoints;

/// <summary>A boolean query parameter such as <c>all=true</c>, read by the API itself so a bad value gets a 400 in the API's own words.</summary>
internal static class QueryFlag
{
    /// <summary>True for <c>true</c>, false for <c>false</c> or no value.</summary>
    /// <exception cref="ApiProblemException">Any other value (400).</exception>
    public static bool Read(string name, string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "false" => false,
        "true" => true,
        _ => throw new ApiProblemException(StatusCodes.Status400BadRequest, $"query parameter '{name}' must be true or false, not '{Shorten(value)}'"),
    };

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
