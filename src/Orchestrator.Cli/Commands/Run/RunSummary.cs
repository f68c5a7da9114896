using System.Globalization;
using Orchestrator.Cli.Invocation;
using Orchestrator.Cli.Output;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Cli.Commands.Run;

/// <summary>The human summary printed when a run ends, shared by <c>run</c> and <c>runs show</c>.</summary>
internal static class RunSummary
{
    public static async Task WriteAsync(TextWriter output, TextWriter error, RunRecord run)
    {
        var took = DurationText.Format(TimeSpan.FromMilliseconds(Math.Round((run.LastUpdatedAt - run.CreatedAt).TotalMilliseconds)));
        await output.WriteLineAsync($"run {run.RunId}: {RunService.Describe(run.Status)} ({took})");
        if (run.Plugin is { } plugin)
        {
            await output.WriteLineAsync($"  plugin {plugin.Name} {plugin.Version} (content {plugin.ContentHash[..Math.Min(12, plugin.ContentHash.Length)]})");
        }

        if (run.Progress?.Summary is { } summary && !run.IsTerminal)
        {
            await output.WriteLineAsync($"  {summary}");
        }

        if (run.RetryOf is { } retryOf)
        {
            await output.WriteLineAsync($"  a retry of run {retryOf}");
        }

        if (!run.RetriedBy.IsDefaultOrEmpty)
        {
            await output.WriteLineAsync($"  retried by: {string.Join(", ", run.RetriedBy)}");
        }

        foreach (var phase in run.Progress?.Completed ?? [])
        {
            var state = phase.Succeeded ? "ok" : "failed";
            var copied = phase.CopiedFrom is { } from ? $", taken over from run {from}" : string.Empty;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {phase.Phase,-20} {state,-7} {DurationText.Format(TimeSpan.FromMilliseconds(Math.Round(phase.DurationMs))),-10} {phase.Attempts} attempt(s){copied}"));
        }

        var artifacts = run.Output?.Artifacts ?? run.Progress?.Artifacts ?? [];
        if (!artifacts.IsDefaultOrEmpty)
        {
            await output.WriteLineAsync(run.Output?.Workspace is { } workspace ? $"artifacts (in {workspace}):" : "artifacts:");
            foreach (var artifact in artifacts)
            {
                await output.WriteLineAsync($"  {artifact}");
            }
        }

        if (run.Failure is { } failure)
        {
            await error.WriteLineAsync(CliErrors.Line(failure));
        }
    }
}
