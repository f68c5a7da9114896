using Orchestrator.Cli.Commands.Run;
using Orchestrator.Engine.Orchestrations;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Cli.Tests.Engine;

public sealed class ProgressPrinterTests
{
    [Fact]
    public void Update_PhasesFinishedBetweenPolls_PrintedBeforeTheAttemptRunningNow()
    {
        var output = new StringWriter();
        var printer = new ProgressPrinter(output, "http://127.0.0.1:4001", TimeProvider.System);
        var run = new RunRecord
        {
            RunId = "r1",
            Kind = "orchestrator.run",
            Status = RunStatus.Running,
            Progress = new RunProgress
            {
                Completed = [new CompletedPhase("premise", true, 1, 12), new CompletedPhase("draft", false, 2, 40, Required: false)],
                Errors = ["draft: attempt 2 failed"],
                Running = [new PhaseAttempt("compile", 1, 1, DateTimeOffset.UnixEpoch, null)],
            },
        };

        printer.Update(run);
        printer.Update(run);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..].TrimEnd()).ToList();
        lines.ShouldBe([
            "premise: done in 12ms (1 attempt)",
            "draft: failed after 2 attempts (optional, the run goes on)",
            "  ! draft: attempt 2 failed",
            "compile: attempt 1/1 started",
        ]);
    }

    [Fact]
    public void Update_AttemptFailedAndRetryStartedBetweenPolls_FailurePrintedBetweenTheTwoAttempts()
    {
        var (printer, output) = Printer();

        printer.Update(Running([new PhaseAttempt("draft", 1, 3, At(0), null)]));
        printer.Update(Running([new PhaseAttempt("draft", 2, 3, At(5), null)], "draft (attempt 1/3): timed out"));

        Lines(output).ShouldBe([
            "draft: attempt 1/3 started",
            "  ! draft (attempt 1/3): timed out",
            "draft: attempt 2/3 started (retry)",
        ]);
    }

    [Fact]
    public void Update_AttemptStartedAndFailedBetweenPolls_StartedFirst()
    {
        var (printer, output) = Printer();

        printer.Update(Running([new PhaseAttempt("draft", 1, 3, At(0), 60_000)], "draft (attempt 1/3): timed out"));

        Lines(output).ShouldBe(["draft: attempt 1/3 started, estimated 1m", "  ! draft (attempt 1/3): timed out"]);
    }

    [Fact]
    public void Update_SameFailureOnTheNextAttempt_SaysSoInsteadOfRepeatingIt()
    {
        var (printer, output) = Printer();
        const string Long = "plugin 'docs' phase 'collect' failed: the run input needs a \"source\" field";

        printer.Update(Running([new PhaseAttempt("collect", 2, 3, At(0), null)], $"collect (attempt 1/3): {Long}"));
        printer.Update(Running([new PhaseAttempt("collect", 3, 3, At(5), null)], $"collect (attempt 1/3): {Long}", $"collect (attempt 2/3): {Long}"));
        printer.Update(Running([new PhaseAttempt("collect", 3, 3, At(5), null)], $"collect (attempt 1/3): {Long}", $"collect (attempt 2/3): {Long}", "collect (attempt 3/3): disk full"));

        Lines(output).ShouldBe([
            $"  ! collect (attempt 1/3): {Long}",
            "collect: attempt 2/3 started (retry)",
            "  ! collect (attempt 2/3): the same error as attempt 1",
            "collect: attempt 3/3 started (retry)",
            "  ! collect (attempt 3/3): disk full",
        ]);
    }

    [Fact]
    public void Update_ParallelPhases_RunningOnesInTheOrderTheyStarted()
    {
        var (printer, output) = Printer();

        printer.Update(Running([new PhaseAttempt("characters", 1, 1, At(2), null), new PhaseAttempt("world", 1, 1, At(1), null)]));

        Lines(output).ShouldBe(["world: attempt 1/1 started", "characters: attempt 1/1 started"]);
    }

    [Fact]
    public void StepStarted_AlsoReportedByTheWorkflowRun_PrintedOnce()
    {
        var (printer, output) = Printer();

        printer.StepStarted(1, 2, "code");
        printer.Update(new RunRecord { RunId = "w", Kind = "orchestrator.workflow", Status = RunStatus.Running, Progress = new RunProgress { Step = 1, Steps = 2, Plugin = "code" } });

        Lines(output).ShouldBe(["step 1/2: code"]);
    }

    private static (ProgressPrinter Printer, StringWriter Output) Printer()
    {
        var output = new StringWriter();
        return (new ProgressPrinter(output, "http://127.0.0.1:4001", TimeProvider.System), output);
    }

    private static RunRecord Running(PhaseAttempt[] running, params string[] errors) => new()
    {
        RunId = "r1",
        Kind = "orchestrator.run",
        Status = RunStatus.Running,
        Progress = new RunProgress { Running = [.. running], Errors = [.. errors] },
    };

    private static DateTimeOffset At(int seconds) => DateTimeOffset.UnixEpoch.AddSeconds(seconds);

    private static List<string> Lines(StringWriter output) =>
        [.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..].TrimEnd())];
}
