using System.Text.Json;
using Orchestrator.Engine.Workflows;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Engine.Runs;

/// <summary>
/// Checks a run's input before it is scheduled, so input no phase could use is a rejected request rather than a run
/// that fails (docs/running-workflows.md#workflow-files): against the workflow's own <c>input_schema</c>, and against
/// the <c>input_schema</c> of every required phase of the first plugin, since every phase of a run gets the same
/// input. Later steps of a workflow get the previous step's result, which is checked when the step's phases run.
/// </summary>
internal static class InputCheck
{
    private static readonly JsonElement EmptyObject = JsonSerializer.SerializeToElement(new { });

    /// <summary>Adds a problem when <paramref name="input"/> does not match the workflow's input_schema.</summary>
    public static void AgainstWorkflow(WorkflowDefinition workflow, JsonElement? input, ICollection<string> problems)
    {
        if (workflow.InputSchema is { } schema)
        {
            Check(schema, input, $"the input_schema of workflow '{workflow.Name}'", problems);
        }
    }

    /// <summary>Adds a problem for each required phase whose input_schema <paramref name="input"/> does not match.</summary>
    public static void AgainstPhases(PluginManifest manifest, JsonElement? input, ICollection<string> problems)
    {
        foreach (var phase in manifest.Phases.Where(p => p.Required))
        {
            if (phase.InputSchema is { } schema)
            {
                Check(schema, input, $"the input_schema of phase '{phase.Name}' of plugin '{manifest.Name}'", problems);
            }
        }
    }

    private static void Check(JsonElement schema, JsonElement? input, string what, ICollection<string> problems)
    {
        // A phase given no input sees JSON null, exactly as the executor checks it.
        var given = input is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } value ? value : (JsonElement?)null;
        var errors = SchemaValidation.Validate(schema, given ?? JsonValues.Null);
        if (errors.IsEmpty)
        {
            return;
        }

        if (given is not null)
        {
            problems.Add($"input: does not match {what}: {string.Join("; ", errors)}");
            return;
        }

        // "null should be an object" says little; what an empty object still lacks names the fields to give.
        var lacking = SchemaValidation.Validate(schema, EmptyObject);
        problems.Add(
            $"input: none was given, but {what} requires one: {string.Join("; ", lacking.IsEmpty ? errors : lacking)}; " +
            "give the run an input: --input FILE, \"input\" in the request, or the workflow's input");
    }
}
