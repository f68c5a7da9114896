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
}
