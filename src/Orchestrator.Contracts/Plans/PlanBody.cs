using System.Text.Json;

namespace Orchestrator.Contracts.Plans;

/// <summary>The body of <c>POST /api/workflows/{name}/plan</c> and <c>POST /api/plugins/{name}/plan</c>; every field is optional.</summary>
[RequestBody]
public sealed record PlanBody
{
    /// <summary>The run input (merged over the workflow's input defaults when both are objects).</summary>
    public JsonElement? Input { get; init; }

    /// <summary>Config values merged over the plugin defaults and the workflow config.</summary>
    public Dictionary<string, JsonElement>? Config { get; init; }

    /// <summary>Plan as if approval phases went ahead without waiting.</summary>
    public bool AutoApprove { get; init; }
}
