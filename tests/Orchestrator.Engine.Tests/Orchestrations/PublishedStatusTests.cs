using System.Text.Json;
using Orchestrator.Abstractions;
using Orchestrator.Engine.Orchestrations;

namespace Orchestrator.Engine.Tests.Orchestrations;

public sealed class PublishedStatusTests
{
    [Fact]
    public void Write_SmallStatus_IsTheProgressAsItSerializes()
    {
        var progress = new RunProgress { Plugin = "p", Summary = "1/3 phases done", Completed = [new CompletedPhase("a", true, 1, 3.5, true)] };

        var json = JsonSerializer.Serialize(new PublishedStatus(progress), OrchestratorJson.Options);

        json.ShouldBe(JsonSerializer.Serialize(progress, OrchestratorJson.Options));
    }

    [Fact]
    public void Write_StatusOverTheLimit_IsTrimmedAndSaysWhat()
    {
        var progress = new RunProgress { Plugin = "p", Errors = [.. Enumerable.Range(1, 40).Select(i => $"a (attempt {i}/40): " + new string('e', 2_000))] };

        var json = JsonSerializer.Serialize(new PublishedStatus(progress), OrchestratorJson.Options);

        json.Length.ShouldBeLessThanOrEqualTo(RunProgress.MaxCharacters);
        var read = JsonSerializer.Deserialize<RunProgress>(json, OrchestratorJson.Options).ShouldNotBeNull();
        read.Errors.Length.ShouldBe(ProgressBudget.KeptErrors);
        read.Omitted.ShouldNotBeNull().ShouldContain("all but the last 10 errors");
    }

    [Fact]
    public void Read_WrittenStatus_RoundTrips()
    {
        var progress = new RunProgress { Plugin = "p", WaitingForApproval = "gate", Summary = "waiting for approval: gate" };

        var read = JsonSerializer.Deserialize<PublishedStatus>(JsonSerializer.Serialize(new PublishedStatus(progress), OrchestratorJson.Options), OrchestratorJson.Options);

        read.ShouldNotBeNull().Progress.WaitingForApproval.ShouldBe("gate");
        read.Progress.Summary.ShouldBe("waiting for approval: gate");
    }
}
