using System.Text.Json;

namespace Orchestrator.Server.Endpoints.Contracts;

/// <summary>The body of <c>PUT /api/runs/{id}</c>: what to start under that id (exactly one of workflow and plugin).</summary>
public sealed record PutRunBody
{
    public string? Workflow { get; init; }

    public string? Plugin { get; init; }

    public JsonElement? Input { get; init; }

    public Dictionary<string, JsonElement>? Config { get; init; }

    public bool AutoApprove { get; init; }
}
