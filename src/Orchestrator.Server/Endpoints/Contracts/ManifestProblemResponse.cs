namespace Orchestrator.Server.Endpoints.Contracts;

/// <summary>One problem of a manifest: <c>error</c> or <c>warning</c>, the field path, the line when known.</summary>
public sealed record ManifestProblemResponse(string Severity, string Field, int? Line, string Message);
