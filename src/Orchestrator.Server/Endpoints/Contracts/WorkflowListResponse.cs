namespace Orchestrator.Server.Endpoints.Contracts;

/// <summary>The valid workflows and the problems of the workflow files that are not.</summary>
public sealed record WorkflowListResponse(IReadOnlyList<WorkflowResponse> Workflows, IReadOnlyList<string> Problems);
