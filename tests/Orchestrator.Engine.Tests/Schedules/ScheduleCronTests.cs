using Orchestrator.Engine.Runs;
using Orchestrator.Engine.Schedules;

namespace Orchestrator.Engine.Tests.Schedules;

/// <summary>Fire times of cron expressions, in UTC and in a time zone, and the run ids that name them.</summary>
public sealed class ScheduleCronTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Next_SixFields_TheNextSecondThatMatches()
    {
        var schedule = new ScheduleDefinition { Cron = "*/10 * * * * *" };

        ScheduleCron.Next(schedule, Noon.AddSeconds(3)).ShouldBe(Noon.AddSeconds(10));
        ScheduleCron.Next(schedule, Noon.AddSeconds(10)).ShouldBe(Noon.AddSeconds(20), "strictly after");
    }

    [Fact]
    public void Latest_FiveFields_TheLastFireAtOrBefore()
    {
        var schedule = new ScheduleDefinition { Cron = "0 2 * * *" };

        ScheduleCron.Latest(schedule, Noon).ShouldBe(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        ScheduleCron.Latest(schedule, new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero)).ShouldBe(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero), "at counts");
        ScheduleCron.IsFire(schedule, new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero)).ShouldBeTrue();
        ScheduleCron.IsFire(schedule, new DateTimeOffset(2026, 12, 1, 2, 0, 1, TimeSpan.Zero)).ShouldBeFalse();
    }

    [Fact]
    public void Next_TimeZone_ReadInThatZone()
    {
        // 02:00 in Berlin is 01:00 UTC in winter.
        var schedule = new ScheduleDefinition { Cron = "0 2 * * *", Timezone = "Europe/Berlin" };

        ScheduleCron.Next(schedule, Noon).ShouldBe(new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void RunIds_NameTheWorkflowAndTheTime_AndAreValidRunIds()
    {
        var fire = ScheduleNames.FireRunId("nightly", new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.FromHours(1)));
        var trigger = ScheduleNames.TriggerRunId("nightly", Noon.AddMilliseconds(345));

        fire.ShouldBe("nightly:2026-12-01T14:00:00Z");
        trigger.ShouldBe("nightly:trigger:2026-12-01T12:00:00.345Z");
        RunIds.Problem(fire).ShouldBeNull();
        RunIds.Problem(trigger).ShouldBeNull();
        RunIds.Problem(ScheduleNames.FireRunId(new string('a', 63), Noon)).ShouldBeNull("the longest workflow name fits");
        RunIds.Problem(ScheduleNames.TriggerRunId(new string('a', 63), Noon)).ShouldBeNull("the longest workflow name fits");
    }

    [Fact]
    public void RunIds_SchedulePrefix_Reserved()
    {
        RunIds.Problem(ScheduleNames.InstanceId("nightly"))!.ShouldContain("reserved for the schedules of workflows");
    }
}
