using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Engine.Activities;
using Orchestrator.Engine.Hosting;
using Orchestrator.Engine.Runs;
using Orchestrator.Engine.Tests.Infrastructure;
using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Engine.Tests.Hosting;

/// <summary>
/// A phase attempt cut short by the engine stopping is not reported to a sidecar that is still running (the embedded
/// one stops after the engine): the run stays running, its attempt is handed out again when a worker continues it.
/// </summary>
public sealed class StoppedWorkerTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData(SidecarBackends.Memory)]
    [InlineData(SidecarBackends.Sqlite)]
    public async Task EngineStopsMidPhase_TheAttemptIsNotReportedAndTheNextWorkerRunsItAgain(string backend)
    {
        TestPlugins.BuiltIn(_root, "waiting", """
              - name: wait
                order: 1
            """);
        var calls = 0;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builtIns = new Dictionary<string, Func<IPhaseProvider>>
        {
            ["waiting"] = () => new DelegateProvider(new DelegatePhase("wait", async (_, cancellationToken) =>
            {
                // The first attempt runs until the engine stops; the one handed out again returns at once.
                if (Interlocked.Increment(ref calls) == 1)
                {
                    started.TrySetResult();
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                return new PhaseResult();
            })),
        };
        var sidecar = new SidecarOptions { Backend = backend, DatabasePath = _root.Combine("runs.db"), VisibilityTimeout = TimeSpan.FromSeconds(3) };
        await using var engine = await EngineHarness.StartAsync(
            _root, builtIns, configure: o => (o.Backend, o.Redelivery) = (sidecar.Backend, sidecar.RedeliveryTime), sidecarOptions: sidecar);
        var runId = await engine.Runs.StartAsync(new RunRequest { Target = "waiting" }, TestContext.Current.CancellationToken);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        // The attempt ends once the host has stopped, the sidecar still running (as `run` stops them in turn): its
        // failure, had it got through, would wait in the sidecar and fail the run in the next worker's first episode.
        await engine.RestartEngineAsync();
        var run = await engine.WaitAsync(runId);

        run.Status.ShouldBe(RunStatus.Completed, run.Failure);
        run.Progress.ShouldNotBeNull().Completed.ShouldHaveSingleItem().Attempts.ShouldBe(1);
        calls.ShouldBe(2, "the interrupted attempt was handed out again");
    }
}

/// <summary>The interceptor refuses the worker's calls once its host has stopped, and only then.</summary>
public sealed class StoppedWorkerInterceptorTests
{
    [Fact]
    public void Calls_BeforeAndAfterTheHostStopped_GoThroughThenAreRefusedUnavailable()
    {
        var lifetime = new Lifetime();
        var invoker = new Recording().Intercept(new StoppedWorkerInterceptor(new WorkerStopping(lifetime)));
        var method = new Method<string, string>(MethodType.Unary, "TaskHubSidecarService", "CompleteActivityTask", Marshallers.StringMarshaller, Marshallers.StringMarshaller);

        invoker.BlockingUnaryCall(method, null, default, "before").ShouldBe("before");
        lifetime.Stop();

        var refused = Should.Throw<RpcException>(() => invoker.AsyncUnaryCall(method, null, default, "after"));
        refused.StatusCode.ShouldBe(StatusCode.Unavailable);
        refused.Status.Detail.ShouldContain("CompleteActivityTask: this worker has stopped");
        Should.Throw<RpcException>(() => invoker.BlockingUnaryCall(method, null, default, "after")).StatusCode.ShouldBe(StatusCode.Unavailable);
        var stream = new Method<string, string>(MethodType.ServerStreaming, "TaskHubSidecarService", "GetWorkItems", Marshallers.StringMarshaller, Marshallers.StringMarshaller);
        Should.Throw<RpcException>(() => invoker.AsyncServerStreamingCall(stream, null, default, "after")).StatusCode.ShouldBe(StatusCode.Unavailable);
    }

    [Fact]
    public void Registration_TheEngineWorkerCarriesTheInterceptor()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IHostApplicationLifetime>(new Lifetime());
        services.AddOrchestratorEngine(_ => { }).UseSidecar("http://localhost:1");

        var options = services.BuildServiceProvider().GetRequiredService<IOptionsMonitor<GrpcDurableTaskWorkerOptions>>().Get(Options.DefaultName);

        options.Interceptors.OfType<StoppedWorkerInterceptor>().ShouldHaveSingleItem();
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        private readonly CancellationTokenSource _stopped = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => _stopped.Token;

        public CancellationToken ApplicationStopped => _stopped.Token;

        public void StopApplication() => Stop();

        public void Stop() => _stopped.Cancel();
    }

    // Answers every unary call with its request; nothing else is called before the refusals.
    private sealed class Recording : CallInvoker
    {
        public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            (TResponse)(object)request!;

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            new(Task.FromResult((TResponse)(object)request!), Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });

        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            throw new NotSupportedException();

        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
            throw new NotSupportedException();

        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
            throw new NotSupportedException();
    }
}
