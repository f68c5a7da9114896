using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Abstractions.Context;
using Orchestrator.Engine.Orchestrations;

namespace Orchestrator.Engine.Tests.Orchestrations;

public sealed class ProgressBudgetTests
{
    [Fact]
    public void Fit_SmallStatus_KeptWhole()
    {
        var progress = Status(sharedText: 100);

        var fitted = ProgressBudget.Fit(progress);

        fitted.ShouldBeSameAs(progress);
        fitted.Omitted.ShouldBeNull();
    }

    [Fact]
    public void Fit_SharedDataTooBig_LeavesOnlyItOutAndSaysWhy()
    {
        var progress = Status(sharedText: 50_000);

        var fitted = ProgressBudget.Fit(progress);

        fitted.SharedData.ShouldBeNull();
        fitted.Artifacts.ShouldBe(progress.Artifacts);
        fitted.Errors.ShouldBe(progress.Errors);
        fitted.Omitted.ShouldNotBeNull().ShouldStartWith("shared data left out to keep the status within 24,000 characters");
        ProgressBudget.Measure(fitted).ShouldBeLessThanOrEqualTo(RunProgress.MaxCharacters);
    }

    [Fact]
    public void Fit_ErrorsAndArtifactsTooBig_KeepsTheLatestErrorsCutShort()
    {
        var progress = Status(sharedText: 10) with
        {
            Errors = [.. Enumerable.Range(1, 40).Select(i => $"phase (attempt {i}/40): " + new string('e', 2_000))],
            Artifacts = [.. Enumerable.Range(1, 2_000).Select(i => $"out/file-{i}.txt")],
            Summary = "failed: " + new string('s', 5_000),
        };

        var fitted = ProgressBudget.Fit(progress);

        fitted.SharedData.ShouldBeNull();
        fitted.Artifacts.ShouldBeEmpty();
        fitted.Errors.Length.ShouldBe(ProgressBudget.KeptErrors);
        fitted.Errors[^1].ShouldStartWith("phase (attempt 40/40): ");
        fitted.Errors.ShouldAllBe(e => e.Length <= ProgressBudget.MaxText + 1);
        fitted.Summary.Length.ShouldBe(ProgressBudget.MaxText + 1);
        fitted.Omitted.ShouldNotBeNull().ShouldContain("all but the last 10 errors");
        ProgressBudget.Measure(fitted).ShouldBeLessThanOrEqualTo(RunProgress.MaxCharacters);
    }

    [Fact]
    public void Fit_GivenSharedLength_AgreesWithMeasuringIt()
    {
        var progress = Status(sharedText: 30_000);

        ProgressBudget.Fit(progress, ProgressBudget.Measure(progress.SharedData)).ShouldBe(ProgressBudget.Fit(progress));
    }

    [Fact]
    public void Fit_JustUnderTheLimit_KeptWhole()
    {
        var empty = ProgressBudget.Measure(Status(sharedText: 0));
        var progress = Status(sharedText: RunProgress.MaxCharacters - empty);

        ProgressBudget.Measure(progress).ShouldBe(RunProgress.MaxCharacters);
        ProgressBudget.Fit(progress).ShouldBeSameAs(progress);
        ProgressBudget.Fit(Status(sharedText: RunProgress.MaxCharacters - empty + 1)).SharedData.ShouldBeNull();
    }

    private static RunProgress Status(int sharedText) => new()
    {
        Plugin = "sizer",
        Completed = [new CompletedPhase("write", true, 1, 12.5, true)],
        Errors = ["write (attempt 1/2): flaky"],
        Artifacts = ["write.txt"],
        Summary = "1/2 phases done",
        SharedData = SharedData.Empty.WithPhaseOutput("write", JsonSerializer.SerializeToElement(new string('w', sharedText))),
    };
}
