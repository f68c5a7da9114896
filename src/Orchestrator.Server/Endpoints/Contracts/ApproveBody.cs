using System.Text.Json;

namespace Orchestrator.Server.Endpoints.Contracts;

/// <summary>The optional body of <c>POST /api/runs/{id}/approve</c>.</summary>
public sealed record ApproveBody
{
    /// <summary>Handed to the approval phase with the approval.</summary>
    public JsonElement? Payload { get; init; }
}
