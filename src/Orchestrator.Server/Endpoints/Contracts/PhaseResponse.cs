namespace Orchestrator.Server.Endpoints.Contracts;

/// <summary>A phase of a plugin in <c>GET /api/plugins/{name}</c>; durations in seconds.</summary>
public sealed record PhaseResponse(
    string Name, string? Description, int Order, bool Required, bool Parallel, bool Approval,
    bool Retryable, int MaxRetries, double? TimeoutSeconds, double? EstimatedSeconds);
