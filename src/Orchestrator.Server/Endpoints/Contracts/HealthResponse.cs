namespace Orchestrator.Server.Endpoints.Contracts;

/// <summary>The body of <c>/healthz</c> and <c>/readyz</c>.</summary>
public sealed record HealthResponse(string Status, int? Plugins = null);
