using System.Globalization;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Invocation;
using Orchestrator.Cli.Output;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Cli.Commands.Run;

/// <summary>
/// What <c>run</c> prints while it follows one run: whose sidecar it uses, the start or the resumption, each event, the
/// summary; and the exit code the run's end gives (0 completed, 1 otherwise).
/// </summary>
internal sealed class RunFollowing(CliInvocation invocation, string runId, bool json)
{
    private ProgressPrinter? _printer;

    /// <summary>The run followed.</summary>
    public string RunId => runId;

    /// <summary>Whether the run is known to be in the backend (started by this command, or found by --resume).</summary>
    public bool IsScheduled { get; private set; }

    private TextWriter Output => invocation.Output;

    // With --json, stdout holds only the run record; notes go to stderr.
    private TextWriter Notes => json ? invocation.Error : invocation.Output;

    public static int ExitCode(RunRecord run) => run.Status == RunStatus.Completed ? OrchestratorCli.Success : OrchestratorCli.Failure;

    /// <summary>Says whose sidecar this process uses, when it is another process's.</summary>
    public void Announce(RunAttachment attachment)
    {
        invocation.SidecarAddress = attachment.Process.SidecarAddress;
        if (attachment.Owner is { } owner)
        {
            Notes.WriteLine($"using the sidecar of {Who(owner)} at {owner.Address}, which owns the database {owner.DatabasePath}");
        }
    }

    public void Started(string target)
    {
        IsScheduled = true;
        if (!json)
        {
            Output.WriteLine($"run {runId} started ({target})");
        }
    }

    /// <summary>Finds the run to resume; prints its summary and returns the exit code when it has finished already, else null.</summary>
    /// <exception cref="CommandFailedException">No run of that id is in the backend.</exception>
    public async Task<int?> ResumeAsync(RunService runs, string where, CancellationToken cancellationToken)
    {
        var run = await runs.GetAsync(runId, cancellationToken)
            ?? throw new CommandFailedException($"no run '{runId}' in {where}: nothing to resume; {runs.WhyNotFound(runId) ?? "'orchestrator runs list' shows the runs it holds"}");
        IsScheduled = true;
        if (!run.IsTerminal)
        {
            var done = run.Progress?.Completed.Length ?? 0;
            Notes.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {runId} resumed ({run.Progress?.Plugin ?? run.Kind}): {done} phase{(done == 1 ? string.Empty : "s")} done before, not run again"));
            return null;
        }

        if (json)
        {
            await CliJson.WriteAsync(Output, run);
        }
        else
        {
            await Output.WriteLineAsync($"run {runId} has already finished; nothing to resume");
            await RunSummary.WriteAsync(Output, invocation.Error, run);
        }

        return ExitCode(run);
    }

    /// <summary>Follows the run to its end through <paramref name="process"/>; prints the record (--json) or the events and the summary.</summary>
    public async Task<int> ToTheEndAsync(EngineProcess process, CancellationToken cancellationToken)
    {
        RunRecord run;
        if (json)
        {
            run = await process.Runs.WaitForCompletionAsync(runId, null, RunFollower.PollInterval, cancellationToken);
            await CliJson.WriteAsync(Output, run);
        }
        else
        {
            _printer ??= new ProgressPrinter(Output, process.SidecarAddress, TimeProvider.System);
            _printer.SidecarAddress = process.SidecarAddress;
            run = await RunFollower.FollowAsync(process.Runs, runId, _printer, cancellationToken);
            await RunSummary.WriteAsync(Output, invocation.Error, run);
        }

        return ExitCode(run);
    }

    /// <summary>Says that the owner whose sidecar this process used went away and where the run goes on now.</summary>
    public void Reattached(RunAttachment attachment, Storage.Sqlite.SqliteDatabaseOwner lost)
    {
        var now = attachment.Owner is { } owner ? $"the sidecar of {Who(owner)}" : "this process";
        Notes.WriteLine($"the sidecar of {Who(lost)} is gone; run {runId} goes on in {now}");
        Announce(attachment);
    }

    private static string Who(Storage.Sqlite.SqliteDatabaseOwner owner) =>
        string.Create(CultureInfo.InvariantCulture, $"{owner.Role ?? "a process"} (process {owner.ProcessId})");
}
