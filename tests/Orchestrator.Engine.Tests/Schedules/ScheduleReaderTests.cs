using Orchestrator.Documents.Parsing;
using Orchestrator.Documents.Problems;
using Orchestrator.Engine.Schedules;
using Orchestrator.Engine.Workflows;

namespace Orchestrator.Engine.Tests.Schedules;

/// <summary>The <c>schedule:</c> field of workflow files (docs/schedules.md#the-schedule-field).</summary>
public sealed class ScheduleReaderTests
{
    [Fact]
    public void Read_CronString_ScheduleWithTheDefaults()
    {
        var schedule = Valid("""
            name: nightly
            plugin: docs
            schedule: "0 2 * * *"
            """);

        schedule.Cron.ShouldBe("0 2 * * *");
        schedule.Timezone.ShouldBeNull();
        schedule.Overlap.ShouldBe(ScheduleOverlap.Skip);
        schedule.Catchup.ShouldBe(ScheduleCatchup.Latest);
        schedule.AutoApprove.ShouldBeFalse();
        schedule.Input.ShouldBeNull();
        schedule.Config.ShouldBeEmpty();
    }

    [Fact]
    public void Read_Mapping_ReadsEveryField()
    {
        var schedule = Valid("""
            name: nightly
            plugin: docs
            schedule:
              cron: "*/10 * * * * *"
              timezone: Europe/Berlin
              overlap: buffer_one
              catchup: none
              auto_approve: true
              input:
                project: demo
              config:
                audience: developers
            """);

        schedule.Cron.ShouldBe("*/10 * * * * *");
        schedule.Timezone.ShouldBe("Europe/Berlin");
        schedule.Overlap.ShouldBe(ScheduleOverlap.BufferOne);
        schedule.Catchup.ShouldBe(ScheduleCatchup.None);
        schedule.AutoApprove.ShouldBeTrue();
        schedule.Input!.Value.GetProperty("project").GetString().ShouldBe("demo");
        schedule.Config["audience"].GetString().ShouldBe("developers");
    }

    [Theory]
    [InlineData("schedule: \"0 2 * *\"", "schedule", 3, "'0 2 * *' has 4 field(s); a cron expression has 5")]
    [InlineData("schedule: \"0 0 2 * * * 2026\"", "schedule", 3, "'0 0 2 * * * 2026' has 7 field(s)")]
    [InlineData("schedule: \"0 25 * * *\"", "schedule", 3, "'0 25 * * *' is not a valid cron expression")]
    [InlineData("schedule: \"every day\"", "schedule", 3, "has 2 field(s)")]
    [InlineData("schedule: 5", "schedule", 3, "expected a cron expression (e.g. \"0 2 * * *\") or a mapping")]
    [InlineData("schedule:\n  cron: \"61 * * * * *\"", "schedule.cron", 4, "is not a valid cron expression")]
    [InlineData("schedule:\n  timezone: UTC", "schedule.cron", 4, "is required but missing")]
    [InlineData("schedule:\n  cron: \"0 2 * * *\"\n  timezone: Mars/Olympus", "schedule.timezone", 5, "'Mars/Olympus' is not a time zone this machine knows; give an IANA id")]
    [InlineData("schedule:\n  cron: \"0 2 * * *\"\n  overlap: queue", "schedule.overlap", 5, "'queue' is not one of skip (default), allow or buffer_one")]
    [InlineData("schedule:\n  cron: \"0 2 * * *\"\n  overlap: BufferOne", "schedule.overlap", 5, "'BufferOne' is not one of skip")]
    [InlineData("schedule:\n  cron: \"0 2 * * *\"\n  catchup: all", "schedule.catchup", 5, "'all' is not one of latest (default) or none")]
    [InlineData("schedule:\n  cron: \"0 2 * * *\"\n  config: [a, b]", "schedule.config", 5, "expected a mapping of config keys to values")]
    public void Read_BadSchedule_ErrorWithFieldAndLine(string schedule, string field, int line, string message)
    {
        var result = Parse($"name: nightly\nplugin: docs\n{schedule}\n");

        result.Workflow.ShouldBeNull();
        var problem = result.Problems.ShouldHaveSingleItem();
        problem.Severity.ShouldBe(ProblemSeverity.Error);
        problem.FieldPath.ShouldBe(field);
        problem.Line.ShouldBe(line);
        problem.Message.ShouldContain(message);
        problem.ToString().ShouldStartWith($"nightly.yaml:{line}: error: {field}: ");
    }

    [Fact]
    public void Read_UnknownScheduleKey_WarningWithLineAndSuggestion()
    {
        var result = Parse("name: nightly\nplugin: docs\nschedule:\n  cron: \"0 2 * * *\"\n  overlapp: allow\n");

        result.Workflow.ShouldNotBeNull().Schedule.ShouldNotBeNull().Overlap.ShouldBe(ScheduleOverlap.Skip);
        var problem = result.Problems.ShouldHaveSingleItem();
        problem.Severity.ShouldBe(ProblemSeverity.Warning);
        problem.ToString().ShouldBe("nightly.yaml:5: warning: schedule.overlapp: unknown key 'overlapp' is ignored; did you mean 'overlap'?");
    }

    [Fact]
    public void Read_ConfigOnAScheduleOfSeveralSteps_ErrorLikeATopLevelConfig()
    {
        var result = Parse("name: nightly\nsteps: [docs, code]\nschedule:\n  cron: \"0 2 * * *\"\n  config:\n    audience: developers\n");

        result.Workflow.ShouldBeNull();
        var problem = result.Problems.ShouldHaveSingleItem();
        problem.ToString().ShouldBe("nightly.yaml:6: error: schedule.config: a workflow with steps sets config per step (steps[i].config), not for its schedule");
    }

    [Fact]
    public void Read_ScheduleOfSeveralSteps_InputAllowed()
    {
        var result = Parse("name: nightly\nsteps: [docs, code]\nschedule:\n  cron: \"0 2 * * *\"\n  input:\n    project: demo\n");

        result.Problems.ShouldBeEmpty();
        result.Workflow.ShouldNotBeNull().Schedule!.Input!.Value.GetProperty("project").GetString().ShouldBe("demo");
    }

    [Fact]
    public void Read_DocsExample_ValidWithEveryField()
    {
        var schedule = Valid(DocPages.CodeBlockAfter("schedules.md", "<!-- schedule-example -->"));

        schedule.Cron.ShouldBe("0 2 * * 1-5");
        schedule.Timezone.ShouldBe("Europe/Berlin");
        schedule.Input!.Value.GetProperty("source").GetString().ShouldBe("src");
        schedule.Config["audience"].GetString().ShouldBe("practitioner");
        ScheduleCron.Next(schedule, new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero))
            .ShouldBe(new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero), "02:00 in Berlin on the Monday after a Saturday");
    }

    private static ScheduleDefinition Valid(string yaml)
    {
        var result = Parse(yaml);
        result.Problems.ShouldBeEmpty();
        return result.Workflow.ShouldNotBeNull().Schedule.ShouldNotBeNull();
    }

    private static WorkflowReadResult Parse(string yaml) =>
        WorkflowReader.Parse(yaml, DocumentFormat.Yaml, "nightly.yaml", TestContext.Current.CancellationToken);
}
