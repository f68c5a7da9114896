using System.CommandLine;
using System.Text.Json;
using Orchestrator.Cli.Commands.Plugins;
using Orchestrator.Cli.Commands.Shared;
using Orchestrator.Cli.Invocation;
using Orchestrator.Cli.Output;
using Orchestrator.Contracts.Workflows;
using Orchestrator.Documents.Problems;
using Orchestrator.Engine.Schedules;

namespace Orchestrator.Cli.Commands.Workflows;

/// <summary>
/// <c>workflows show NAME [--json]</c>: every field of the workflow <c>run NAME</c> would use, each step with the plugin
/// version the plugin search paths hold, the files it shadows and the warnings of its file. Exit 1 when no workflow has that name.
/// </summary>
internal static class WorkflowsShowCommand
{
    public static Command Create(CliContext context, Option<string[]> pluginPaths)
    {
        var name = new Argument<string>("NAME") { Description = "The workflow's name." };
        var workflows = CommonOptions.Workflows();
        var json = CommonOptions.Json();
        var command = new Command("show", "Show everything about one workflow, and whether its plugins are there.") { name, workflows, json };
        command.SetCliAction(async (invocation, cancellationToken) =>
        {
            var workflowName = invocation.Required(name);
            var found = WorkflowSearch.Catalog(context, invocation.Value(workflows) ?? []).Discover(cancellationToken);
            var workflow = found.Find(workflowName)
                ?? throw new CommandFailedException($"no workflow named '{workflowName}' was found; run 'orchestrator workflows list --all' to see what the search paths hold.");
            var plugins = PluginCatalog.Load(context, invocation.Value(pluginPaths), cancellationToken);
            var warnings = found.Problems.Where(p => p.File == workflow.File).ToList();
            var detail = WorkflowDetail.From(workflow, found, plugins.Registry);
            if (invocation.Value(json))
            {
                await CliJson.WriteAsync(invocation.Output, detail);
            }
            else
            {
                await WriteTextAsync(invocation.Output, detail, warnings);
            }

            return OrchestratorCli.Success;
        });
        return command;
    }

    /// <summary>The cron, its time zone and how fires that overlap or were missed are handled; `orchestrator schedules list` shows the live state.</summary>
    private static string ScheduleText(ScheduleDefinition schedule) =>
        $"{schedule.Cron} ({schedule.Timezone ?? "UTC"}; overlap {ScheduleWord(schedule.Overlap)}, catchup {ScheduleWord(schedule.Catchup)}"
        + (schedule.AutoApprove ? ", auto_approve" : string.Empty) + ")";

    private static string ScheduleWord<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static async Task WriteTextAsync(TextWriter output, WorkflowDetail detail, IEnumerable<DocumentProblem> warnings)
    {
        var fields = new TextTable("FIELD", "VALUE");
        fields.AddRow("name", detail.Name);
        fields.AddRow("description", detail.Description ?? "-");
        fields.AddRow("version", detail.Version ?? "-");
        fields.AddRow("retention", detail.RetentionSeconds is { } seconds ? DurationText.Format(TimeSpan.FromSeconds(seconds))! : "-");
        fields.AddRow("input", detail.Input is { } input ? CliJson.ToCompact(input) : "-");
        fields.AddRow("schedule", detail.Schedule is { } schedule ? ScheduleText(schedule) : "-");
        fields.AddRow("path", detail.Path ?? "-");
        await fields.WriteAsync(output);
        await WriteListAsync(output, "Input schema (a run's input must meet it before the run is scheduled):", detail.InputSchema is { } schema ? [CliJson.ToCompact(schema)] : []);

        await output.WriteLineAsync();
        await output.WriteLineAsync("Steps:");
        var steps = new TextTable("STEP", "PLUGIN", "RANGE", "FOUND", "CONFIG", "INPUT");
        var number = 1;
        foreach (var step in detail.Steps)
        {
            var found = step.Status switch
            {
                "loaded" => step.FoundVersion!,
                "outside_range" => $"{step.FoundVersion}, outside the range",
                "not_found" => "not found",
                _ => step.FoundVersion is null ? $"not loaded ({step.Status})" : $"{step.FoundVersion}, not loaded ({step.Status})",
            };
            steps.AddRow(
                (number++).ToString(System.Globalization.CultureInfo.InvariantCulture),
                step.Plugin,
                step.Range,
                found,
                step.Config.IsEmpty ? "-" : CliJson.ToCompact(step.Config),
                step.Input is { } stepInput ? CliJson.ToCompact(stepInput) : "-");
        }

        await steps.WriteAsync(output, "  ");
        await WriteListAsync(output, "Shadows (not used):", detail.Shadowed);
        await WriteListAsync(output, "Warnings:", [.. warnings.Select(p => p.ToString())]);
    }

    private static async Task WriteListAsync(TextWriter output, string heading, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(heading);
        foreach (var line in lines)
        {
            await output.WriteLineAsync($"  {line}");
        }
    }
}
