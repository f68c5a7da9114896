using Orchestrator.Engine.Activities;
using Orchestrator.Engine.Orchestrations;

namespace Orchestrator.Engine.Tests.Orchestrations;

public sealed class RetryDelayTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(7, 300)]
    [InlineData(60, 300)]
    public void RetryDelay_NthFailure_DoublesFromTheIntervalCappedAtFiveMinutes(int failedAttempt, int expectedSeconds)
    {
        var plan = new PhasePlan { Name = "p", Order = 1, RetryInterval = TimeSpan.FromSeconds(5), MaxAttempts = 100 };

        RunOrchestrator.RetryDelay(plan, failedAttempt).ShouldBe(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Theory]
    [InlineData("fiction.draft", true)]
    [InlineData("my-plugin.api_docs", true)]
    [InlineData("orchestrator.run", false)]
    [InlineData("nodot", false)]
    [InlineData(".phase", false)]
    [InlineData("plugin.", false)]
    public void IsPhaseName_ActivityName_OnlyPluginDotPhaseNamesAreAnswered(string name, bool expected) =>
        PluginTaskFactory.IsPhaseName(name).ShouldBe(expected);
}
