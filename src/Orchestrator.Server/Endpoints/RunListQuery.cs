using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.OpenApi;
using Orchestrator.Contracts;
using Orchestrator.Contracts.Runs;
using Orchestrator.Engine.Runs;
using Orchestrator.Server.OpenApi;
using Orchestrator.Server.Problems;

namespace Orchestrator.Server.Endpoints;

/// <summary><c>GET /api/runs</c>: reads and checks every query parameter, reporting all bad ones at once.</summary>
internal static class RunListQuery
{
    private static readonly string[] Known = ["status", "workflow", "plugin", "created_from", "created_to", "page_size", "continuation_token"];

    /// <summary>The parameters as the OpenAPI document describes them.</summary>
    public static readonly QueryParameter[] Parameters =
    [
        new("status", "Only runs in these states: repeat the parameter or separate them with commas.", new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Items = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. Enum.GetNames<RunStatus>().Select(n => (JsonNode)n.ToLowerInvariant())] },
        }),
        QueryParameter.Text("workflow", "Only runs started from this workflow."),
        QueryParameter.Text("plugin", "Only runs of this plugin (a workflow run matches when any of its steps runs it)."),
        QueryParameter.Text("created_from", "Only runs requested at or after this time (ISO 8601, e.g. 2026-11-25T10:00:00Z).", "date-time"),
        QueryParameter.Text("created_to", "Only runs requested before this time (ISO 8601).", "date-time"),
        new("page_size", $"Runs per page, 1 to {RunQuery.MaxPageSize} (default 50).", new OpenApiSchema
        {
            Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = RunQuery.MaxPageSize.ToString(CultureInfo.InvariantCulture), Default = 50,
        }),
        QueryParameter.Text("continuation_token", "The continuation_token of the previous page, unchanged."),
    ];

    public static async Task<IResult> ListAsync(HttpRequest request, RunService runs, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var query = Parse(request.Query, errors);
        if (errors.Count > 0)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, $"{errors.Count} query parameter problem(s); see errors", errors);
        }

        var page = await runs.QueryAsync(query, cancellationToken);
        return Results.Json(RunList.From(page), ContractJson.Options);
    }

    internal static RunQuery Parse(IQueryCollection parameters, List<string> errors)
    {
        foreach (var unknown in parameters.Keys.Where(k => !Known.Contains(k, StringComparer.Ordinal)))
        {
            errors.Add($"unknown query parameter '{unknown}'; known: {string.Join(", ", Known)}");
        }

        var statuses = new List<RunStatus>();
        foreach (var value in Values(parameters["status"]))
        {
            if (Enum.TryParse<RunStatus>(value, ignoreCase: true, out var status) && Enum.IsDefined(status) && !int.TryParse(value, out _))
            {
                statuses.Add(status);
            }
            else
            {
                errors.Add($"status '{value}' is not one of {string.Join(", ", Enum.GetNames<RunStatus>().Select(n => n.ToLowerInvariant()))}");
            }
        }

        var from = Time(parameters, "created_from", errors);
        var to = Time(parameters, "created_to", errors);
        if (from is not null && to is not null && from >= to)
        {
            errors.Add("created_from must be earlier than created_to");
        }

        var pageSize = 50;
        if (Single(parameters, "page_size", errors) is { } size
            && (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1 || pageSize > RunQuery.MaxPageSize))
        {
            errors.Add($"page_size '{size}' must be a whole number from 1 to {RunQuery.MaxPageSize}");
        }

        RunCursor? after = null;
        if (Single(parameters, "continuation_token", errors) is { } token && !RunCursor.TryDecode(token, out after))
        {
            errors.Add("continuation_token is not one this server issued; pass the continuation_token of the previous page unchanged");
        }

        return new RunQuery
        {
            Statuses = statuses,
            Workflow = Single(parameters, "workflow", errors),
            Plugin = Single(parameters, "plugin", errors),
            CreatedFrom = from,
            CreatedTo = to,
            PageSize = pageSize,
            After = after,
        };
    }

    private static IEnumerable<string> Values(StringValues values) =>
        values.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    private static string? Single(IQueryCollection parameters, string name, List<string> errors)
    {
        var values = parameters[name];
        if (values.Count > 1)
        {
            errors.Add($"'{name}' is given {values.Count} times; give it once");
        }

        return values.Count == 0 || string.IsNullOrWhiteSpace(values[0]) ? null : values[0]!.Trim();
    }

    private static DateTimeOffset? Time(IQueryCollection parameters, string name, List<string> errors)
    {
        if (Single(parameters, name, errors) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        errors.Add($"{name} '{text}' is not a date and time; use ISO 8601, e.g. 2026-11-25T10:00:00Z");
        return null;
    }
}
