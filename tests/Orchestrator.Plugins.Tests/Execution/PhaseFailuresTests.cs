using Orchestrator.Abstractions.Phases;
using Orchestrator.Plugins.Execution;

namespace Orchestrator.Plugins.Tests.Execution;

/// <summary>Which failures a retry can fix: decided per kind, explicitly, for every kind there is.</summary>
public sealed class PhaseFailuresTests
{
    public static TheoryData<PhaseFailureKind, bool> Kinds() => new()
    {
        { PhaseFailureKind.Failed, true },
        { PhaseFailureKind.Timeout, true },
        { PhaseFailureKind.Cancelled, true },
        { PhaseFailureKind.NonZeroExit, true },
        { PhaseFailureKind.InvalidOutput, true },
        { PhaseFailureKind.OutputTooLarge, true },
        { PhaseFailureKind.StartFailed, true },
        { PhaseFailureKind.SchemaViolation, false },
        { PhaseFailureKind.UnknownPhase, false },
        { PhaseFailureKind.InvalidInput, false },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void IsRetryable_EachKind_OnlyFailuresARetryMayFix(PhaseFailureKind kind, bool retryable)
    {
        kind.IsRetryable().ShouldBe(retryable);
        var reason = PhaseFailures.WhyNotRetryable(new PhaseExecutionException(kind, "attempt failed"));
        (reason is null).ShouldBe(retryable, $"{kind}: {reason}");
    }

    [Fact]
    public void Kinds_ListEveryDefinedKind_SoANewKindNeedsADecision()
    {
        Kinds().Select(row => row.Data.Item1).ShouldBe(Enum.GetValues<PhaseFailureKind>(), ignoreOrder: true);
    }

    [Fact]
    public void IsRetryable_UndefinedKind_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => ((PhaseFailureKind)99).IsRetryable());
    }

    [Theory]
    [InlineData(PhaseFailureKind.SchemaViolation, "does not match the phase's schema")]
    [InlineData(PhaseFailureKind.UnknownPhase, "has no such phase")]
    [InlineData(PhaseFailureKind.InvalidInput, "cannot use its input or config")]
    public void WhyNotRetryable_NonRetryableKind_SaysWhy(PhaseFailureKind kind, string why)
    {
        PhaseFailures.WhyNotRetryable(new PhaseExecutionException(kind, "x")).ShouldNotBeNull().ShouldContain(why);
    }

    [Fact]
    public void WhyNotRetryable_VersionNoLongerLoaded_SaysSo()
    {
        PhaseFailures.WhyNotRetryable(new PluginVersionUnavailableException("gone")).ShouldNotBeNull().ShouldContain("no longer loaded");
    }

    [Fact]
    public void WhyNotRetryable_AnythingElse_RetryMayFixIt()
    {
        PhaseFailures.WhyNotRetryable(new InvalidOperationException("flaky")).ShouldBeNull();
        PhaseFailures.WhyNotRetryable(new TimeoutException("no answer")).ShouldBeNull();
        PhaseFailures.WhyNotRetryable(new PhaseInputException("not through the executor")).ShouldBeNull();
    }
}
