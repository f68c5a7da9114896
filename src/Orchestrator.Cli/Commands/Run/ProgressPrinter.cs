using System.Globalization;
using Orchestrator.Cli.Output;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Cli.Commands.Run;

/// <summary>
/// Turns successive run records into one line per event, in the order things happened: a step began, an attempt
/// started, an attempt failed, a phase finished, a wait for approval. A failure that repeats the one before it on the
/// same phase is not printed again in full.
/// </summary>
internal sealed class ProgressPrinter(TextWriter output, string sidecarAddress, TimeProvider time)
{
    private const string Continuation = "             ";
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AttemptFailure> _lastFailure = new(StringComparer.Ordinal);

    /// <summary>The sidecar named in the approval commands; it changes when the run moves to another sidecar.</summary>
    public string SidecarAddress { get; set; } = sidecarAddress;

    /// <summary>Prints the line of a workflow step, once.</summary>
    public void StepStarted(int step, int? steps, string? plugin)
    {
        if (_seen.Add($"step:{step}"))
        {
            Write(string.Create(CultureInfo.InvariantCulture, $"step {step}/{steps}: {plugin}"));
        }
    }

    public void Update(RunRecord run)
    {
        if (run.Progress is not { } progress)
        {
            return;
        }

        if (progress.Step is { } step && progress.Steps is { } steps)
        {
            StepStarted(step, steps, progress.Plugin);
        }

        var failures = progress.Errors
            .Where(e => _seen.Add($"error:{run.RunId}:{e}"))
            .Select(AttemptFailure.Parse)
            .ToList();

        // What finished happened before what runs now: each finished phase, then the failed attempts it had.
        foreach (var done in progress.Completed)
        {
            if (done.CopiedFrom is { } from && _seen.Add($"done:{run.RunId}:{done.Phase}"))
            {
                Write($"{done.Phase}: taken over from run {from}, not run again");
            }
            else if (_seen.Add($"done:{run.RunId}:{done.Phase}"))
            {
                var elapsed = DurationText.Format(TimeSpan.FromMilliseconds(Math.Round(done.DurationMs)));
                var attempts = done.Attempts == 1 ? "1 attempt" : string.Create(CultureInfo.InvariantCulture, $"{done.Attempts} attempts");
                Write(done.Succeeded ? $"{done.Phase}: done in {elapsed} ({attempts})" : done.Required ? $"{done.Phase}: failed after {attempts}" : $"{done.Phase}: failed after {attempts} (optional, the run goes on)");
            }

            WriteFailures(run.RunId, failures, f => f.Phase == done.Phase);
        }

        // A phase running now: its earlier attempts failed before this one started; this one's failure came after.
        foreach (var attempt in progress.Running.OrderBy(a => a.StartedAt))
        {
            WriteFailures(run.RunId, failures, f => f.Phase == attempt.Phase && f.Attempt < attempt.Attempt);
            if (_seen.Add($"{run.RunId}:{attempt.Phase}:{attempt.Attempt}"))
            {
                var estimate = attempt.EstimatedMs is { } ms ? $", estimated {DurationText.Format(TimeSpan.FromMilliseconds(ms))}" : string.Empty;
                var retry = attempt.Attempt > 1 ? " (retry)" : string.Empty;
                Write(string.Create(CultureInfo.InvariantCulture, $"{attempt.Phase}: attempt {attempt.Attempt}/{attempt.MaxAttempts} started{retry}{estimate}"));
            }

            WriteFailures(run.RunId, failures, f => f.Phase == attempt.Phase);
        }

        // Failures of phases neither finished nor running (a rejected approval), in the order reported.
        WriteFailures(run.RunId, failures, _ => true);

        if (progress.WaitingForApproval is { } phase && _seen.Add($"approval:{run.RunId}:{phase}"))
        {
            Write($"waiting for approval: {phase}");
            Write($"  approve: orchestrator runs approve {run.RunId} --sidecar {SidecarAddress}");
            Write($"  reject:  orchestrator runs reject {run.RunId} --reason TEXT --sidecar {SidecarAddress}");
        }
    }

    private void WriteFailures(string runId, List<AttemptFailure> failures, Func<AttemptFailure, bool> which)
    {
        foreach (var failure in failures.Where(which).ToList())
        {
            failures.Remove(failure);
            var key = $"{runId}:{failure.Phase}";
            var same = _lastFailure.TryGetValue(key, out var previous) && previous.Message == failure.Message && previous.Attempt is not null && failure.Attempt is not null;
            Write(same ? $"  ! {failure.Head}: the same error as attempt {previous!.Attempt}" : $"  ! {failure.Text}");
            _lastFailure[key] = failure;
        }
    }

    // A message of several lines (a plugin's last stderr lines) keeps them under the event, indented.
    private void Write(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        output.WriteLine($"{time.GetLocalNow():HH:mm:ss} {lines[0]}");
        foreach (var line in lines.Skip(1))
        {
            output.WriteLine($"{Continuation}{line}");
        }
    }
}
