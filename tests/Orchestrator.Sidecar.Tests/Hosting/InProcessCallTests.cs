using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Orchestrator.Cli.Hosting;
using Orchestrator.Sidecar.Tests.Infrastructure;
using P = Microsoft.DurableTask.Protobuf;

namespace Orchestrator.Sidecar.Tests.Hosting;

/// <summary>
/// The in-process invoker ends calls the way a gRPC call over the network ends (docs/sidecar.md#in-process-calls):
/// the server's own errors, cancellation, deadlines, the request size limit, a stopped sidecar, the work-item stream.
/// </summary>
public sealed class InProcessCallTests : IAsyncLifetime
{
    private EmbeddedSidecar? _sidecar;

    private EmbeddedSidecar Sidecar => _sidecar ?? throw new InvalidOperationException("not started");

    private P.TaskHubSidecarService.TaskHubSidecarServiceClient Raw => new(Sidecar.InProcess);

    public async ValueTask InitializeAsync() => _sidecar = await EmbeddedSidecar.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_sidecar is not null)
        {
            await _sidecar.DisposeAsync();
        }
    }

    [Fact]
    public async Task WorkerAndClientInProcess_RunCompletes()
    {
        await using var worker = await WorkerHost.StartAsync(Sidecar.InProcess);

        var id = await worker.Client.ScheduleNewOrchestrationInstanceAsync("Counter", 3, TestContext.Current.CancellationToken);

        (await worker.Client.WaitForCompletedAsync(id)).ReadOutputAs<int>().ShouldBe(3);
    }

    [Fact]
    public async Task WaitForUnknownInstance_TheServersNotFound()
    {
        var error = await Should.ThrowAsync<RpcException>(async () =>
            await Raw.WaitForInstanceCompletionAsync(new P.GetInstanceRequest { InstanceId = "nobody" }, cancellationToken: TestContext.Current.CancellationToken));

        error.StatusCode.ShouldBe(StatusCode.NotFound);
        error.Status.Detail.ShouldContain("'nobody' does not exist");
    }

    [Fact]
    public async Task ClientCancelsAWait_CallEndsCancelled()
    {
        var id = await StartPendingAsync();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));

        var error = await Should.ThrowAsync<RpcException>(async () =>
            await Raw.WaitForInstanceCompletionAsync(new P.GetInstanceRequest { InstanceId = id }, cancellationToken: cancel.Token));

        error.StatusCode.ShouldBe(StatusCode.Cancelled);
    }

    [Fact]
    public async Task DeadlinePassesDuringAWait_DeadlineExceeded()
    {
        var id = await StartPendingAsync();

        var error = await Should.ThrowAsync<RpcException>(async () =>
            await Raw.WaitForInstanceCompletionAsync(new P.GetInstanceRequest { InstanceId = id }, deadline: DateTime.UtcNow.AddMilliseconds(200), cancellationToken: TestContext.Current.CancellationToken));

        error.StatusCode.ShouldBe(StatusCode.DeadlineExceeded);
    }

    [Fact]
    public async Task RequestOverTheServersLimit_ResourceExhaustedNamingItAndNothingStarted()
    {
        var request = new P.CreateInstanceRequest { InstanceId = "too-big", Name = "Counter", Input = new string('x', 5 * 1024 * 1024) };

        var error = await Should.ThrowAsync<RpcException>(async () => await Raw.StartInstanceAsync(request, cancellationToken: TestContext.Current.CancellationToken));

        error.StatusCode.ShouldBe(StatusCode.ResourceExhausted);
        error.Status.Detail.ShouldContain($"maximum configured message size ({4 * 1024 * 1024} bytes)");
        (await Raw.GetInstanceAsync(new P.GetInstanceRequest { InstanceId = "too-big" }, cancellationToken: TestContext.Current.CancellationToken)).Exists.ShouldBeFalse();
    }

    [Fact]
    public async Task SidecarStopped_CallsAreUnavailable()
    {
        var invoker = Sidecar.InProcess;
        await Sidecar.DisposeAsync();

        var error = await Should.ThrowAsync<RpcException>(async () =>
            await new P.TaskHubSidecarService.TaskHubSidecarServiceClient(invoker).HelloAsync(new Empty(), cancellationToken: TestContext.Current.CancellationToken));

        error.StatusCode.ShouldBe(StatusCode.Unavailable);
    }

    [Fact]
    public async Task SidecarStopping_ACallInProgressGoesOnUntilItsCallerEndsIt()
    {
        var id = await StartPendingAsync();
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var wait = Raw.WaitForInstanceCompletionAsync(new P.GetInstanceRequest { InstanceId = id }, cancellationToken: caller.Token).ResponseAsync;
        await Task.Delay(100, TestContext.Current.CancellationToken);

        // As Kestrel drains its requests: a caller told to stop by the same signal (Ctrl+C) ends its call itself.
        var stop = Sidecar.DisposeAsync().AsTask();
        await Task.Delay(500, TestContext.Current.CancellationToken);
        wait.IsCompleted.ShouldBeFalse("the stop waits for the call in progress");
        stop.IsCompleted.ShouldBeFalse("the stop waits for the call in progress");

        await caller.CancelAsync();

        (await Should.ThrowAsync<RpcException>(wait)).StatusCode.ShouldBe(StatusCode.Cancelled);
        await stop.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task UnknownMethod_Unimplemented()
    {
        var method = new Method<Empty, Empty>(MethodType.Unary, "TaskHubSidecarService", "NoSuchMethod", Marshallers.Create(_ => [], _ => new Empty()), Marshallers.Create(_ => [], _ => new Empty()));

        using var call = Sidecar.InProcess.AsyncUnaryCall(method, null, new CallOptions(cancellationToken: TestContext.Current.CancellationToken), new Empty());

        var error = await Should.ThrowAsync<RpcException>(call.ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.Unimplemented);
        error.Status.Detail.ShouldContain("NoSuchMethod");
    }

    [Fact]
    public async Task WorkItemStream_DeliversWorkAndEndsWhenTheCallIsDisposed()
    {
        var id = await StartPendingAsync();
        var first = Raw.GetWorkItems(new P.GetWorkItemsRequest(), cancellationToken: TestContext.Current.CancellationToken);
        (await NextWorkItemAsync(first)).OrchestratorRequest.InstanceId.ShouldBe(id);

        var pending = first.ResponseStream.MoveNext(TestContext.Current.CancellationToken);
        first.Dispose();

        (await Should.ThrowAsync<RpcException>(pending)).StatusCode.ShouldBe(StatusCode.Cancelled);

        // The server's handler ended with the call: a new worker is taken (a second connected one is refused) and gets
        // the work item the first one held, which the disconnect abandoned.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var second = Raw.GetWorkItems(new P.GetWorkItemsRequest(), cancellationToken: TestContext.Current.CancellationToken);
            try
            {
                (await NextWorkItemAsync(second)).OrchestratorRequest.InstanceId.ShouldBe(id);
                return;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }
        }
    }

    // An instance no worker runs: it stays pending.
    private async Task<string> StartPendingAsync()
    {
        var id = $"pending-{Guid.NewGuid():N}";
        await Raw.StartInstanceAsync(new P.CreateInstanceRequest { InstanceId = id, Name = "Counter", Input = "3" }, cancellationToken: TestContext.Current.CancellationToken);
        return id;
    }

    private static async Task<P.WorkItem> NextWorkItemAsync(AsyncServerStreamingCall<P.WorkItem> call)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (await call.ResponseStream.MoveNext(timeout.Token))
        {
            if (call.ResponseStream.Current.RequestCase == P.WorkItem.RequestOneofCase.OrchestratorRequest)
            {
                return call.ResponseStream.Current;
            }
        }

        throw new InvalidOperationException("the work-item stream ended without an orchestrator work item");
    }
}
