namespace Orchestrator.Server.Endpoints.Contracts;

/// <summary>A loaded plugin in <c>GET /api/plugins</c>.</summary>
public sealed record PluginSummaryResponse(
    string Name, string Version, string? Description, string Type, IReadOnlyList<string> Domains, int Phases, string ContentHash);
