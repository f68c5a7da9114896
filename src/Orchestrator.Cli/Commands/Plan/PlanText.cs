using System.Globalization;
using System.Text.Json;
using Orchestrator.Cli.Output;
using Orchestrator.Contracts.Plans;

namespace Orchestrator.Cli.Commands.Plan;

/// <summary>The text of <c>orchestrator plan</c>: the totals, then each step with a row per phase in the order they run.</summary>
internal static class PlanText
{
    public static async Task WriteAsync(TextWriter output, RunPlanResult plan)
    {
        var what = plan.Workflow is null ? "plugin" : "workflow";
        var steps = plan.Steps.Length == 1 ? "1 step" : string.Create(CultureInfo.InvariantCulture, $"{plan.Steps.Length} steps");
        await output.WriteLineAsync($"plan of {what} {plan.Target}: {steps}; it can start, and nothing was scheduled");
        await output.WriteLineAsync($"input:      {(plan.Input is { } input ? CliJson.ToCompact(input) : "-")}");
        await output.WriteLineAsync($"estimated:  {Duration(plan.EstimatedSeconds)} (estimated_time on the longest path)");
        await output.WriteLineAsync(plan.WorstCaseSeconds is { } worst
            ? $"worst case: {Duration(worst)} (every attempt used and timed out, every wait between attempts{Approvals(plan)})"
            : $"worst case: unbounded: no timeout on {string.Join(", ", plan.Unbounded)}");

        foreach (var (index, step) in plan.Steps.Index())
        {
            await output.WriteLineAsync();
            var number = string.Create(CultureInfo.InvariantCulture, $"{index + 1}/{plan.Steps.Length}");
            await output.WriteLineAsync($"step {number}: {step.Plugin} {step.Version} (content {step.ContentHash})");
            await output.WriteLineAsync($"  config: {(step.Config.IsEmpty ? "-" : CliJson.ToCompact(step.Config))}");
            var table = new TextTable("ORDER", "PHASE", "RUNS", "APPROVAL", "TIMEOUT", "ATTEMPTS", "RETRY WAITS", "ESTIMATED", "WORST CASE", "CONFIG");
            foreach (var group in step.Groups)
            {
                foreach (var phase in group.Phases)
                {
                    table.AddRow(
                        group.Order.ToString(CultureInfo.InvariantCulture),
                        phase.Required ? phase.Name : $"{phase.Name} (optional)",
                        group.Parallel ? "parallel" : "in turn",
                        phase.Approval ? plan.AutoApprove ? "auto" : "waits" : "-",
                        DurationText.FromSeconds(phase.TimeoutSeconds) ?? "none",
                        phase.MaxAttempts.ToString(CultureInfo.InvariantCulture),
                        phase.RetryDelaysSeconds.IsEmpty ? "-" : string.Join(", ", phase.RetryDelaysSeconds.Select(d => Duration(d))),
                        DurationText.FromSeconds(phase.EstimatedSeconds) ?? "-",
                        DurationText.FromSeconds(phase.WorstCaseSeconds) ?? "unbounded",
                        SameConfig(phase.Config, step.Config) ? "as the step" : CliJson.ToCompact(phase.Config));
                }
            }

            await table.WriteAsync(output, "  ");
        }
    }

    private static string Approvals(RunPlanResult plan) =>
        plan.AutoApprove || !plan.Steps.Any(s => s.Groups.Any(g => g.Phases.Any(p => p.Approval))) ? string.Empty : "; waits for approval not counted";

    private static string Duration(double seconds) => DurationText.FromSeconds(seconds)!;

    private static bool SameConfig(IReadOnlyDictionary<string, JsonElement> phase, IReadOnlyDictionary<string, JsonElement> step) =>
        phase.Count == step.Count && phase.All(p => step.TryGetValue(p.Key, out var value) && JsonElement.DeepEquals(p.Value, value));
}
