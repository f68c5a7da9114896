namespace Orchestrator.Server.Endpoints.Contracts;

/// <summary>The result of <c>POST /api/plugins/validate</c>: valid when there is no error (warnings allowed).</summary>
public sealed record ValidationResponse(bool Valid, string? Name, string? Version, IReadOnlyList<ManifestProblemResponse> Problems);
