using Microsoft.DurableTask.Client;
using Orchestrator.Cli.Hosting;
using Orchestrator.Sidecar.Configuration;
using Orchestrator.Sidecar.Tests.Infrastructure;

namespace Orchestrator.Sidecar.Tests.Hosting;

/// <summary>Embedded mode: one call starts a sidecar in-process on a free loopback port.</summary>
public sealed class EmbeddedSidecarTests
{
    [Fact]
    public async Task StartAsync_DefaultOptions_ServesOnLoopbackFreePort()
    {
        await using var sidecar = await EmbeddedSidecar.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var worker = await WorkerHost.StartAsync(sidecar.Address);

        var id = await worker.Client.ScheduleNewOrchestrationInstanceAsync("Counter", 3, TestContext.Current.CancellationToken);

        sidecar.Address.ShouldMatch(@"^http://127\.0\.0\.1:\d+$");
        sidecar.Address.ShouldNotEndWith($":{SidecarOptions.DefaultPort}");
        (await worker.Client.WaitForCompletedAsync(id)).ReadOutputAs<int>().ShouldBe(3);
    }

    [Fact]
    public async Task StartAsync_TwoSidecars_GetDifferentPorts()
    {
        await using var first = await EmbeddedSidecar.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var second = await EmbeddedSidecar.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        first.Address.ShouldNotBe(second.Address);
    }

    [Fact]
    public async Task StartAsync_AzureStorageWithoutConnectionString_ThrowsWithWhatToFix()
    {
        var error = await Should.ThrowAsync<SidecarException>(
            EmbeddedSidecar.StartAsync(new SidecarOptions { Backend = SidecarBackends.AzureStorage }, cancellationToken: TestContext.Current.CancellationToken));

        error.Message.ShouldContain("Sidecar:ConnectionString is required");
    }

    [Fact]
    public async Task StartAsync_UnreachableStorage_ThrowsNamingTheTaskHub()
    {
        var options = new SidecarOptions
        {
            Backend = SidecarBackends.AzureStorage,
            ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:{FreePort.Next()}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{FreePort.Next()}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{FreePort.Next()}/devstoreaccount1;",
            TaskHub = "unreachable",
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));

        var error = await Should.ThrowAsync<Exception>(EmbeddedSidecar.StartAsync(options, cancellationToken: timeout.Token));

        error.ShouldBeOfType<SidecarException>().Message.ShouldContain("task hub 'unreachable'");
    }
}
