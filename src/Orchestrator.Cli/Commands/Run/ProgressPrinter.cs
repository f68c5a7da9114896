using System.Globalization;
using Orchestrator.Cli.Output;
using Orchestrator.Engine.Orchestrations;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Cli.Commands.Run;

/// <summary>Turns successive run records into one line per event: an attempt started, a phase finished, a wait for approval.</summary>
internal sealed class ProgressPrinter(TextWriter output, string sidecarAddress, TimeProvider time)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public void Update(RunRecord run)
    {
        if (run.Progress is not { } progress)
        {
            return;
        }

        if (progress.Step is { } step && progress.Steps is { } steps && _seen.Add($"step:{step}"))
        {
            Write(string.Create(CultureInfo.InvariantCulture, $"step {step}/{steps}: {progress.Plugin}"));
        }

        // What finished happened before what runs now: print it first, then failures, then new attempts.
        foreach (var done in progress.Completed)
        {
            if (_seen.Add($"done:{run.RunId}:{done.Phase}"))
            {
                var elapsed = DurationText.Format(TimeSpan.FromMilliseconds(Math.Round(done.DurationMs)));
                var attempts = done.Attempts == 1 ? "1 attempt" : string.Create(CultureInfo.InvariantCulture, $"{done.Attempts} attempts");
                Write(done.Succeeded ? $"{done.Phase}: done in {elapsed} ({attempts})" : done.Required ? $"{done.Phase}: failed after {attempts}" : $"{done.Phase}: failed after {attempts} (optional, the run goes on)");
            }
        }

        foreach (var error in progress.Errors)
        {
            if (_seen.Add($"error:{run.RunId}:{error}"))
            {
                Write($"  ! {error}");
            }
        }

        foreach (var attempt in progress.Running)
        {
            if (_seen.Add($"{run.RunId}:{attempt.Phase}:{attempt.Attempt}"))
            {
                var estimate = attempt.EstimatedMs is { } ms ? $", estimated {DurationText.Format(TimeSpan.FromMilliseconds(ms))}" : string.Empty;
                var retry = attempt.Attempt > 1 ? " (retry)" : string.Empty;
                Write(string.Create(CultureInfo.InvariantCulture, $"{attempt.Phase}: attempt {attempt.Attempt}/{attempt.MaxAttempts} started{retry}{estimate}"));
            }
        }

        if (progress.WaitingForApproval is { } phase && _seen.Add($"approval:{run.RunId}:{phase}"))
        {
            Write($"waiting for approval: {phase}");
            Write($"  approve: orchestrator runs approve {run.RunId} --sidecar {sidecarAddress}");
            Write($"  reject:  orchestrator runs reject {run.RunId} --reason TEXT --sidecar {sidecarAddress}");
        }
    }

    private void Write(string line) => output.WriteLine($"{time.GetLocalNow():HH:mm:ss} {line}");
}
