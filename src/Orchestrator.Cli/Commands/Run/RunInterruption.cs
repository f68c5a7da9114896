using System.CommandLine;
using Orchestrator.Cli.Commands.Shared;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Invocation;
using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Cli.Commands.Run;

/// <summary>
/// What <c>run</c> says when Ctrl+C or SIGTERM stops it (docs/running-workflows.md#crashes-and-resuming): the run is
/// neither cancelled nor failed, where it is kept and the command that continues it; on memory, that it is lost.
/// </summary>
internal sealed class RunInterruption(CliInvocation invocation, Option<string[]> pluginPaths, SidecarChoice sidecar, SidecarTarget chosen)
{
    public async Task WriteAsync(string runId, bool scheduled, RunAttachment attachment)
    {
        var error = invocation.Error;
        if (!attachment.IsDurable)
        {
            await error.WriteLineAsync(
                $"interrupted: run {runId} is lost: the {chosen.Embedded!.Backend} backend keeps runs only while this process runs " +
                "(the default sqlite backend keeps them, and `orchestrator run --resume` continues them)");
            return;
        }

        var resume = ResumeCommand(runId);
        if (!scheduled)
        {
            await error.WriteLineAsync($"interrupted while starting run {runId}; if it was scheduled (`orchestrator runs show {runId}` says), `{resume}` continues it");
            return;
        }

        var where = attachment.Owner is { } owner
            ? $"it goes on in {owner.Role ?? "the process"} (process {owner.ProcessId}), which owns the database {owner.DatabasePath}"
            : $"it is kept in {attachment.Store}";
        await error.WriteLineAsync($"interrupted: run {runId} was not cancelled and has not failed; {where}.");
        await error.WriteLineAsync($"  continue it and follow its progress: {resume}");
    }

    // The options that say where the run is and which plugins run it; a run's input, config and id are in the run itself.
    private string ResumeCommand(string runId)
    {
        var parts = new List<string> { "orchestrator", "run", "--resume", runId };
        if (chosen.Address is { } address)
        {
            parts.AddRange(["--sidecar", address]);
        }
        else if (chosen.Embedded is { } embedded)
        {
            if (SidecarBackends.Is(embedded.Backend, SidecarBackends.AzureStorage))
            {
                parts.AddRange(["--backend", embedded.Backend, "--task-hub", embedded.TaskHub, "--connection", "…"]);
            }
            else if (invocation.Given(sidecar.Backend.Database))
            {
                parts.AddRange(["--database", embedded.DatabasePath]);
            }
        }

        foreach (var path in invocation.Value(pluginPaths) ?? [])
        {
            parts.AddRange(["--plugins", path]);
        }

        return string.Join(' ', parts.Select(Quote));
    }

    private static string Quote(string part) =>
        part.Length > 0 && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '=' or '…') ? part : $"'{part.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
