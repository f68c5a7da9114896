using System.Text;
using System.Text.Json;

namespace Orchestrator.Cli.Tests.Schedules;

/// <summary>
/// <c>orchestrator schedules list|pause|resume|trigger</c> against the schedules an <c>orchestrator worker</c> keeps
/// (in this process, on the sandbox's default sqlite database, found through its owner like <c>runs</c> finds it).
/// </summary>
public sealed class SchedulesCommandTests : IAsyncDisposable
{
    private readonly CliSandbox _sandbox = new();
    private readonly string _plugins;
    private readonly CancellationTokenSource _stopWorker = new();
    private readonly StringWriter _workerText = new(new StringBuilder());
    private readonly TextWriter _workerOutput;
    private Task<int>? _worker;

    public SchedulesCommandTests()
    {
        _workerOutput = TextWriter.Synchronized(_workerText);
        _plugins = _sandbox.Sub("plugins");
        ScriptPlugin.Write(_plugins, "quick", "  - name: only\n    order: 1\n", "\"only\"", """    echo '{"output":"quick done"}'""");
        File.WriteAllText(Path.Combine(_sandbox.Sub("work", "workflows"), "cli-flow.yaml"), "name: cli-flow\nplugin: quick\nschedule: \"0 0 1 1 *\"\n");
    }

    public async ValueTask DisposeAsync()
    {
        await _stopWorker.CancelAsync();
        if (_worker is not null)
        {
            await _worker;
        }

        _stopWorker.Dispose();
        await _workerOutput.DisposeAsync();
        _sandbox.Dispose();
    }

    [Fact]
    public async Task Schedules_ListPauseResumeTrigger_ActOnTheWorkersSchedule()
    {
        await StartWorkerAsync();
        var listed = await WaitForScheduleAsync(s => s.GetProperty("active").GetBoolean(), "taken up by the worker");
        listed.GetProperty("cron").GetString().ShouldBe("0 0 1 1 *");

        var table = await RunAsync("schedules", "list");
        table.ExitCode.ShouldBe(0, table.ToString());
        table.Output.ShouldContain("WORKFLOW  CRON       TIMEZONE  OVERLAP  CATCHUP  STATE   NEXT FIRE");
        table.Output.ShouldContain("cli-flow  0 0 1 1 *  UTC       skip     latest   active");

        var pause = await RunAsync("schedules", "pause", "cli-flow");
        pause.ExitCode.ShouldBe(0, pause.ToString());
        pause.Output.ShouldBe($"paused the schedule of cli-flow{Environment.NewLine}");
        await WaitForScheduleAsync(s => s.GetProperty("paused").GetBoolean(), "paused");
        var again = await RunAsync("schedules", "pause", "cli-flow");
        again.ExitCode.ShouldBe(OrchestratorCli.Failure, again.ToString());
        again.Error.ShouldContain("error: the schedule of workflow 'cli-flow' is already paused; 'orchestrator schedules resume cli-flow' resumes it");

        var trigger = await RunAsync("schedules", "trigger", "cli-flow", "--json");
        trigger.ExitCode.ShouldBe(0, trigger.ToString());
        var runId = JsonSerializer.Deserialize<JsonElement>(trigger.Output).GetProperty("run_id").GetString()!;
        runId.ShouldStartWith("cli-flow:trigger:");
        await WaitForScheduleAsync(s => s.GetProperty("last_run_id").GetString() == runId && s.GetProperty("last_run_status").GetString() == "completed", $"{runId} completed");

        var resume = await RunAsync("schedules", "resume", "cli-flow", "--json");
        resume.ExitCode.ShouldBe(0, resume.ToString());
        JsonSerializer.Deserialize<JsonElement>(resume.Output).GetProperty("paused").GetBoolean().ShouldBeFalse();
        await WaitForScheduleAsync(s => !s.GetProperty("paused").GetBoolean(), "resumed");
        (await RunAsync("schedules", "list")).Output.ShouldContain($"{runId} (completed)");
    }

    [Theory]
    [InlineData(OrchestratorCli.Failure, "error: no schedule for workflow 'nope'; a workflow file's 'schedule:' makes one", "schedules", "pause", "nope")]
    [InlineData(OrchestratorCli.Failure, "error: no schedule for workflow 'nope'", "schedules", "trigger", "nope")]
    [InlineData(OrchestratorCli.UsageError, "workflow", "schedules", "resume")]
    [InlineData(OrchestratorCli.UsageError, "frob", "schedules", "frob")]
    public async Task Schedules_BadArguments_ErrorSayingWhatIsWrong(int exitCode, string expected, params string[] arguments)
    {
        await StartWorkerAsync();

        var result = await RunAsync(arguments);

        result.ExitCode.ShouldBe(exitCode, result.ToString());
        result.Error.ShouldContain(expected);
    }

    [Fact]
    public async Task SchedulesList_NoDatabaseYet_Exit1SayingHowToStartOne()
    {
        var result = await RunAsync("schedules", "list");

        result.ExitCode.ShouldBe(OrchestratorCli.Failure, result.ToString());
        result.Error.ShouldContain("error: no database at");
    }

    private async Task StartWorkerAsync()
    {
        _worker = OrchestratorCli.RunAsync(["worker", "--plugins", _plugins], _workerOutput, _workerOutput, _sandbox.Context(), _stopWorker.Token);
        await Eventually.TrueAsync(
            () => _worker.IsCompleted || WorkerOutput().Contains("worker ready", StringComparison.Ordinal), TimeSpan.FromSeconds(60),
            () => $"the worker did not get ready: {WorkerOutput()}");
        _worker.IsCompleted.ShouldBeFalse(WorkerOutput());
    }

    private async Task<JsonElement> WaitForScheduleAsync(Func<JsonElement, bool> condition, string what)
    {
        CliResult? last = null;
        JsonElement schedule = default;
        await Eventually.TrueAsync(
            async () =>
            {
                last = await RunAsync("schedules", "list", "--json");
                var schedules = last.ExitCode == 0 ? JsonSerializer.Deserialize<JsonElement>(last.Output).GetProperty("schedules") : default;
                if (schedules.ValueKind != JsonValueKind.Array || schedules.GetArrayLength() != 1)
                {
                    return false;
                }

                schedule = schedules[0];
                return condition(schedule);
            },
            TimeSpan.FromSeconds(60),
            () => $"the schedule of cli-flow was never {what}; last: {last}; worker: {WorkerOutput()}");
        return schedule;
    }

    // The synchronized writer locks itself while it writes.
    private string WorkerOutput()
    {
        lock (_workerOutput)
        {
            return _workerText.ToString();
        }
    }

    private Task<CliResult> RunAsync(params string[] arguments) => _sandbox.RunAsync([.. arguments, "--plugins", _plugins]);
}
