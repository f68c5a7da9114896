namespace Orchestrator.Server.Endpoints.Contracts;

/// <summary>What <c>POST /api/plugins/reload</c> changed; plugins as <c>name@version</c>.</summary>
public sealed record ReloadResponse(
    IReadOnlyList<string> Added, IReadOnlyList<string> Updated, IReadOnlyList<string> Removed, IReadOnlyList<string> Problems);
