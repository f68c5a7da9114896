namespace Orchestrator.Server.Endpoints.Contracts;

/// <summary>A workflow in <c>GET /api/workflows</c>: the plugins it runs in order (<c>name</c> or <c>name@range</c>).</summary>
public sealed record WorkflowResponse(string Name, string? Description, string? Version, IReadOnlyList<string> Plugins, double? RetentionSeconds);
