using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Schedules;

/// <summary>
/// Schedules kept by a real <c>serve</c> host (docs/schedules.md): fires at the cron's times, overlap, pause and resume,
/// trigger, and the workflow file changing under it. Assertions are on run ids and fire times, never on elapsed time.
/// </summary>
public sealed class ScheduleTests(ScheduleServerFixture server) : IClassFixture<ScheduleServerFixture>
{
    private const string EveryTwoSeconds = "\"*/2 * * * * *\"";

    // A cron that does not fire while a test runs (January 1st), for tests that start runs by trigger only.
    private const string Yearly = "\"0 0 1 1 *\"";

    private readonly ScheduleApi _api = new(server);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task SixFieldSchedule_EveryTwoSeconds_RunsNamedByConsecutiveFireTimesWithTheScheduleInput()
    {
        _api.WriteWorkflow("every-two", $"plugin: echo\nschedule:\n  cron: {EveryTwoSeconds}\n  overlap: allow\n  input:\n    greeting: scheduled\n");

        var runs = await _api.WaitForRunsAsync("every-two", 3);

        var fires = runs.Select(r => ScheduleApi.FireOf("every-two", r)).ToList();
        fires.ShouldAllBe(f => f.Second % 2 == 0 && f.Millisecond == 0, string.Join(", ", runs));
        fires.ShouldBe(fires.Order().Distinct().ToList(), "one run per fire, in fire order");
        var first = await server.WaitForEndAsync(runs[0]);
        first.GetProperty("status").GetString().ShouldBe("completed", first.ToString());
        first.GetProperty("output").GetProperty("result").GetProperty("echo").GetProperty("greeting").GetString().ShouldBe("scheduled");

        var schedule = (await _api.ScheduleAsync("every-two")).ShouldNotBeNull();
        schedule.GetProperty("cron").GetString().ShouldBe("*/2 * * * * *");
        schedule.GetProperty("timezone").GetString().ShouldBe("UTC");
        schedule.GetProperty("overlap").GetString().ShouldBe("allow");
        schedule.GetProperty("catchup").GetString().ShouldBe("latest");
        schedule.GetProperty("paused").GetBoolean().ShouldBeFalse();
        var next = ScheduleApi.TimeOf(schedule, "next_fire").ShouldNotBeNull();
        (next.Second % 2).ShouldBe(0);
        next.ShouldBeGreaterThan(fires[^1]);
        _api.DeleteWorkflow("every-two");
    }

    [Fact]
    public async Task OverlapSkip_RunWaitingForApproval_LaterFiresSkippedUntilItEnds()
    {
        _api.WriteWorkflow("gated-skip", $"plugin: gate\nschedule:\n  cron: {EveryTwoSeconds}\n  overlap: skip\n");
        var first = (await _api.WaitForRunsAsync("gated-skip", 1))[0];

        await _api.WaitForScheduleAsync("gated-skip", s => s.GetProperty("skipped_fires").GetInt64() >= 2, "two skipped fires");

        (await _api.RunIdsAsync("gated-skip")).ShouldBe([first], "no run starts while the first waits for its approval");
        using (var approve = await server.Client.PostAsync($"/api/runs/{first}/approve", null, _ct))
        {
            approve.StatusCode.ShouldBe(HttpStatusCode.Accepted, await approve.Content.ReadAsStringAsync(_ct));
        }

        var runs = await _api.WaitForRunsAsync("gated-skip", 2);
        ScheduleApi.FireOf("gated-skip", runs[1]).ShouldBeGreaterThan(ScheduleApi.FireOf("gated-skip", first));
        _api.DeleteWorkflow("gated-skip");
    }

    [Fact]
    public async Task OverlapBufferOne_RunWaiting_OneFireKeptAndStartedWhenTheRunEnds()
    {
        _api.WriteWorkflow("gated-buffer", $"plugin: gate\nschedule:\n  cron: {EveryTwoSeconds}\n  overlap: buffer_one\n");
        var first = (await _api.WaitForRunsAsync("gated-buffer", 1))[0];

        var schedule = await _api.WaitForScheduleAsync(
            "gated-buffer", s => ScheduleApi.TimeOf(s, "buffered_fire") is not null && s.GetProperty("skipped_fires").GetInt64() >= 1, "a buffered fire and a skipped one");
        var buffered = ScheduleApi.TimeOf(schedule, "buffered_fire")!.Value;

        (await _api.RunIdsAsync("gated-buffer")).ShouldBe([first]);
        using (var approve = await server.Client.PostAsync($"/api/runs/{first}/approve", null, _ct))
        {
            approve.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        var runs = await _api.WaitForRunsAsync("gated-buffer", 2);
        runs[1].ShouldBe($"gated-buffer:{buffered.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}", "the buffered fire's run starts once the first ends");
        _api.DeleteWorkflow("gated-buffer");
    }

    [Fact]
    public async Task Pause_StopsTheFires_ResumeStartsThemAgainWithoutCatchingUp()
    {
        _api.WriteWorkflow("pausing", $"plugin: echo\nschedule: {EveryTwoSeconds}\n");
        await _api.WaitForRunsAsync("pausing", 1);

        using (var pause = await _api.PostAsync("pausing", "pause"))
        {
            pause.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            (await pause.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("paused").GetBoolean().ShouldBeTrue();
        }

        await _api.WaitForScheduleAsync("pausing", s => s.GetProperty("paused").GetBoolean() && ScheduleApi.TimeOf(s, "next_fire") is null, "paused");
        var pausedAt = DateTimeOffset.UtcNow;

        // Three fire times go by while paused; none of them may start a run.
        await Task.Delay(TimeSpan.FromSeconds(6), _ct);
        var resumedAt = DateTimeOffset.UtcNow;
        using (var resume = await _api.PostAsync("pausing", "resume"))
        {
            resume.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        await Eventually.TrueAsync(
            async () => (await _api.RunIdsAsync("pausing")).Any(r => ScheduleApi.FireOf("pausing", r) > resumedAt),
            TimeSpan.FromSeconds(60), "no run started after the resume");
        var fires = (await _api.RunIdsAsync("pausing")).Select(r => ScheduleApi.FireOf("pausing", r)).ToList();
        fires.ShouldNotContain(f => f > pausedAt && f < resumedAt, string.Join(", ", fires));
        _api.DeleteWorkflow("pausing");
    }

    [Fact]
    public async Task Trigger_StartsARunNamedByTheTriggerTime_AlsoWhilePaused()
    {
        _api.WriteWorkflow("triggered", $"plugin: echo\nschedule: {Yearly}\n");
        await _api.WaitForScheduleAsync("triggered", _ => true, "listed");

        var first = await TriggerAsync("triggered");
        (await server.WaitForEndAsync(first)).GetProperty("status").GetString().ShouldBe("completed");
        using (var pause = await _api.PostAsync("triggered", "pause"))
        {
            pause.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        var second = await TriggerAsync("triggered");

        (await server.WaitForEndAsync(second)).GetProperty("status").GetString().ShouldBe("completed");
        var schedule = await _api.WaitForScheduleAsync("triggered", s => s.GetProperty("last_run_id").GetString() == second, "the second trigger's run as its last run");
        schedule.GetProperty("paused").GetBoolean().ShouldBeTrue();
        schedule.GetProperty("last_run_status").GetString().ShouldBe("completed");
        (await _api.RunIdsAsync("triggered")).ShouldBe([first, second]);
        _api.DeleteWorkflow("triggered");
    }

    [Fact]
    public async Task Fire_RunWithItsIdAlreadyStarted_TakenAsTheFiresRunNotASecondOne()
    {
        var fire = DateTimeOffset.UtcNow.AddSeconds(8);
        var at = fire.UtcDateTime;
        _api.WriteWorkflow("idempotent", string.Create(CultureInfo.InvariantCulture, $"plugin: echo\nschedule: \"{at.Second} {at.Minute} {at.Hour} {at.Day} {at.Month} *\"\n"));
        await _api.WaitForScheduleAsync("idempotent", _ => true, "listed");
        var runId = $"idempotent:{at:yyyy-MM-dd'T'HH:mm:ss'Z'}";
        using (var put = await server.Client.PutAsync($"/api/runs/{runId}", ServerFixture.Json("""{"workflow": "idempotent"}"""), _ct))
        {
            put.IsSuccessStatusCode.ShouldBeTrue(await put.Content.ReadAsStringAsync(_ct));
        }

        var schedule = await _api.WaitForScheduleAsync("idempotent", s => s.GetProperty("last_run_id").GetString() == runId, $"{runId} as its last run");

        schedule.GetProperty("last_error").ValueKind.ShouldBe(JsonValueKind.Null, schedule.ToString());
        (await _api.RunIdsAsync("idempotent")).ShouldBe([runId]);
        _api.DeleteWorkflow("idempotent");
    }

    [Fact]
    public async Task HotReload_ScheduleChangedThenRemoved_UpdatedThenStopped()
    {
        _api.WriteWorkflow("reloaded", $"plugin: echo\nschedule: {Yearly}\n");
        await _api.WaitForScheduleAsync("reloaded", s => s.GetProperty("cron").GetString() == "0 0 1 1 *", "listed");

        _api.WriteWorkflow("reloaded", "plugin: echo\nschedule:\n  cron: \"0 0 1 6 *\"\n  overlap: allow\n  catchup: none\n  timezone: Europe/Berlin\n");
        var changed = await _api.WaitForScheduleAsync("reloaded", s => s.GetProperty("cron").GetString() == "0 0 1 6 *", "the new cron");
        changed.GetProperty("overlap").GetString().ShouldBe("allow");
        changed.GetProperty("catchup").GetString().ShouldBe("none");
        changed.GetProperty("timezone").GetString().ShouldBe("Europe/Berlin");
        ScheduleApi.TimeOf(changed, "next_fire")!.Value.Month.ShouldBeOneOf(5, 6);

        _api.WriteWorkflow("reloaded", "plugin: echo\n");
        await _api.WaitUntilNotListedAsync("reloaded");
        using (var pause = await _api.PostAsync("reloaded", "pause"))
        {
            await ProblemAssert.IsProblemAsync(pause, HttpStatusCode.NotFound);
        }

        _api.WriteWorkflow("reloaded", $"plugin: echo\nschedule: {Yearly}\n");
        await _api.WaitForScheduleAsync("reloaded", s => s.GetProperty("cron").GetString() == "0 0 1 1 *", "listed again");
        _api.DeleteWorkflow("reloaded");
        await _api.WaitUntilNotListedAsync("reloaded");
    }

    [Fact]
    public async Task HotReload_FileWithAnError_KeepsTheSchedule()
    {
        _api.WriteWorkflow("half-saved", $"plugin: echo\nschedule: {Yearly}\n");
        await _api.WaitForScheduleAsync("half-saved", _ => true, "listed");

        _api.WriteWorkflow("half-saved", "plugin: echo\nschedule: \"0 0 1 1\"\n");
        _api.WriteWorkflow("marker-after-half-saved", $"plugin: echo\nschedule: {Yearly}\n");
        await _api.WaitForScheduleAsync("marker-after-half-saved", _ => true, "listed (so a reconcile pass saw the broken file)");

        (await _api.ScheduleAsync("half-saved")).ShouldNotBeNull("a file that does not read keeps the schedule it had");
        _api.DeleteWorkflow("half-saved");
        _api.DeleteWorkflow("marker-after-half-saved");
    }

    [Theory]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("trigger")]
    public async Task Action_UnknownSchedule_404NamingTheWorkflow(string action)
    {
        using var response = await _api.PostAsync("no-such-flow", action);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        problem.GetProperty("detail").GetString()!.ShouldContain("no schedule for workflow 'no-such-flow'");
    }

    [Fact]
    public async Task PauseAndResume_WrongState_409SayingWhy()
    {
        _api.WriteWorkflow("conflicted", $"plugin: echo\nschedule: {Yearly}\n");
        await _api.WaitForScheduleAsync("conflicted", _ => true, "listed");

        using (var resume = await _api.PostAsync("conflicted", "resume"))
        {
            (await ProblemAssert.IsProblemAsync(resume, HttpStatusCode.Conflict)).GetProperty("detail").GetString().ShouldBe("the schedule of workflow 'conflicted' is not paused");
        }

        using (var pause = await _api.PostAsync("conflicted", "pause"))
        {
            pause.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        await _api.WaitForScheduleAsync("conflicted", s => s.GetProperty("paused").GetBoolean(), "paused");
        using (var again = await _api.PostAsync("conflicted", "pause"))
        {
            (await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("is already paused");
        }

        _api.DeleteWorkflow("conflicted");
    }

    [Fact]
    public async Task Schedules_AreNoRuns_NotListedNotReadableAndTheirIdsReserved()
    {
        _api.WriteWorkflow("not-a-run", $"plugin: echo\nschedule: {Yearly}\n");
        await _api.WaitForScheduleAsync("not-a-run", _ => true, "listed");

        using (var get = await server.Client.GetAsync("/api/runs/schedule:not-a-run", _ct))
        {
            await ProblemAssert.IsProblemAsync(get, HttpStatusCode.NotFound);
        }

        using (var terminate = await server.Client.PostAsync("/api/runs/schedule:not-a-run/terminate", null, _ct))
        {
            await ProblemAssert.IsProblemAsync(terminate, HttpStatusCode.NotFound);
        }

        using (var put = await server.Client.PutAsync("/api/runs/schedule:mine", ServerFixture.Json("""{"workflow": "echo-flow"}"""), _ct))
        {
            var problem = await ProblemAssert.IsProblemAsync(put, HttpStatusCode.BadRequest);
            problem.GetProperty("errors")[0].GetString()!.ShouldContain("reserved for the schedules of workflows");
        }

        var runs = await server.Client.GetFromJsonAsync<JsonElement>("/api/runs?page_size=500", _ct);
        runs.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("run_id").GetString()).ShouldNotContain(id => id!.StartsWith("schedule:", StringComparison.Ordinal));
        (await _api.ScheduleAsync("not-a-run")).ShouldNotBeNull("the schedule goes on");
        _api.DeleteWorkflow("not-a-run");
    }

    private async Task<string> TriggerAsync(string workflow)
    {
        var before = DateTimeOffset.UtcNow;
        using var response = await _api.PostAsync(workflow, "trigger");
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(_ct));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
        body.GetProperty("workflow").GetString().ShouldBe(workflow);
        var runId = body.GetProperty("run_id").GetString()!;
        runId.ShouldStartWith($"{workflow}:trigger:");
        var at = DateTimeOffset.ParseExact(runId[$"{workflow}:trigger:".Length..], "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        at.ShouldBeGreaterThanOrEqualTo(before.AddMilliseconds(-1));
        await server.WaitForRunAsync(runId, _ => true, "started");
        return runId;
    }
}
