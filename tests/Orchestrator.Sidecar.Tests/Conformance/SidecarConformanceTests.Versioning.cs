using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Orchestrator.Sidecar.Tests.Infrastructure;

namespace Orchestrator.Sidecar.Tests.Conformance;

/// <summary>
/// The worker's versioning match rules (each on a sidecar and worker of its own: the rules are worker-wide): what runs,
/// and a mismatch failing the instance with the VersionMismatch failure details.
/// </summary>
public abstract partial class SidecarConformanceTests
{
    [Fact]
    public async Task Versioning_Strict_OnlyTheWorkersVersionRuns()
    {
        await using var pair = await Fixture.StartPairAsync(Rules("1.0", DurableTaskWorkerOptions.VersionMatchStrategy.Strict));

        (await RunVersionedAsync(pair.Client, "1.0")).ReadOutputAs<string>().ShouldBe("ran as '1.0'");
        ShouldBeVersionMismatch(await RunVersionedAsync(pair.Client, "2.0", OrchestrationRuntimeStatus.Failed));
        ShouldBeVersionMismatch(await RunVersionedAsync(pair.Client, "0.9", OrchestrationRuntimeStatus.Failed));
        ShouldBeVersionMismatch(await RunVersionedAsync(pair.Client, null, OrchestrationRuntimeStatus.Failed));
    }

    [Fact]
    public async Task Versioning_CurrentOrOlder_NewerVersionsFail()
    {
        await using var pair = await Fixture.StartPairAsync(Rules("2.0", DurableTaskWorkerOptions.VersionMatchStrategy.CurrentOrOlder));

        (await RunVersionedAsync(pair.Client, "1.5")).ReadOutputAs<string>().ShouldBe("ran as '1.5'");
        (await RunVersionedAsync(pair.Client, "2.0")).ReadOutputAs<string>().ShouldBe("ran as '2.0'");
        (await RunVersionedAsync(pair.Client, null)).ReadOutputAs<string>().ShouldBe("ran as ''");
        ShouldBeVersionMismatch(await RunVersionedAsync(pair.Client, "2.1", OrchestrationRuntimeStatus.Failed));
    }

    [Fact]
    public async Task Versioning_NoMatchRule_EveryVersionRuns()
    {
        await using var pair = await Fixture.StartPairAsync(Rules("1.0", DurableTaskWorkerOptions.VersionMatchStrategy.None));

        (await RunVersionedAsync(pair.Client, "9.0")).ReadOutputAs<string>().ShouldBe("ran as '9.0'");
        (await RunVersionedAsync(pair.Client, "0.1")).ReadOutputAs<string>().ShouldBe("ran as '0.1'");
    }

    private static DurableTaskWorkerOptions.VersioningOptions Rules(string version, DurableTaskWorkerOptions.VersionMatchStrategy match) => new()
    {
        Version = version,
        MatchStrategy = match,
        FailureStrategy = DurableTaskWorkerOptions.VersionFailureStrategy.Fail,
    };

    private static async Task<OrchestrationMetadata> RunVersionedAsync(
        DurableTaskClient client, string? version, OrchestrationRuntimeStatus expected = OrchestrationRuntimeStatus.Completed)
    {
        var options = version is null ? new StartOrchestrationOptions() : new StartOrchestrationOptions { Version = version };
        var id = await client.ScheduleNewOrchestrationInstanceAsync("Versioned", "x", options, Token);
        return await client.WaitForStatusAsync(id, expected, Deadline);
    }

    private static void ShouldBeVersionMismatch(OrchestrationMetadata failed)
    {
        var details = failed.FailureDetails.ShouldNotBeNull("a version mismatch has failure details");
        details.ErrorType.ShouldBe("VersionMismatch");
        details.ErrorMessage.ShouldContain("version");
    }
}
