using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestrator.Engine.Activities;
using Orchestrator.Engine.Orchestrations;
using Orchestrator.Engine.Retention;
using Orchestrator.Engine.Schedules;

namespace Orchestrator.Engine.Hosting;

/// <summary>Chooses how the engine reaches its sidecar and whether this process runs the worker.</summary>
public sealed class EngineBuilder(IServiceCollection services)
{
    public IServiceCollection Services { get; } = services;

    /// <summary>
    /// Adds the durable client for <paramref name="address"/> and, when <paramref name="worker"/> is true, the worker
    /// (run, workflow and schedule orchestrations, every <c>&lt;plugin&gt;.&lt;phase&gt;</c> activity), the retention purge
    /// job, the reconciling of schedules (when <see cref="EngineOptions.KeepSchedules"/>), the collection of replaced
    /// plugin versions no run pins and, on the in-memory backend, the removal of lost runs' workspaces.
    /// </summary>
    public EngineBuilder UseSidecar(string address, bool worker = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        return UseSidecar(c => c.UseGrpc(address), w => w.UseGrpc(address), worker);
    }

    /// <summary>
    /// As <see cref="UseSidecar(string, bool)"/>, for a sidecar in this process reached through <paramref name="invoker"/>
    /// (<c>Orchestrator.Sidecar</c>'s in-process invoker: no HTTP/2, sockets or serialization).
    /// </summary>
    public EngineBuilder UseSidecar(CallInvoker invoker, bool worker = true)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        return UseSidecar(c => c.UseGrpc(o => o.CallInvoker = invoker), w => w.UseGrpc(o => o.CallInvoker = invoker), worker);
    }

    private EngineBuilder UseSidecar(Action<IDurableTaskClientBuilder> clientTransport, Action<IDurableTaskWorkerBuilder> workerTransport, bool worker)
    {
        Services.AddDurableTaskClient(b =>
        {
            clientTransport(b);
            b.Configure(o => o.DataConverter = EngineServiceCollectionExtensions.DataConverter);
        });
        if (!worker)
        {
            return this;
        }

        Services.AddDurableTaskWorker(b =>
        {
            b.AddTasks(r =>
            {
                r.AddOrchestrator<RunOrchestrator>(OrchestrationNames.Run);
                r.AddOrchestrator<WorkflowOrchestrator>(OrchestrationNames.Workflow);
                r.AddActivity<SaveSharedDataActivity>(OrchestrationNames.SaveSharedData);
                r.AddOrchestrator<ScheduleOrchestrator>(ScheduleNames.Orchestration);
                r.AddActivity<StartScheduledRunActivity>(ScheduleNames.StartActivity);
                r.AddActivity<ScheduledRunStatusActivity>(ScheduleNames.RunStatusActivity);
            });
            b.Configure(o =>
            {
                o.DataConverter = EngineServiceCollectionExtensions.DataConverter;
                o.Concurrency.MaximumConcurrentActivityWorkItems = Math.Max(o.Concurrency.MaximumConcurrentActivityWorkItems, 256);
                o.Concurrency.MaximumConcurrentOrchestrationWorkItems = Math.Max(o.Concurrency.MaximumConcurrentOrchestrationWorkItems, 256);
            });
            workerTransport(b);
            Services.AddOptions<GrpcDurableTaskWorkerOptions>()
                .Configure<WorkerStopping>((o, stopping) => o.Interceptors.Add(new StoppedWorkerInterceptor(stopping)));
            Services.AddSingleton(new InnerWorkerType(b.BuildTarget!));
            b.UseBuildTarget(typeof(PluginAwareWorker));
        });
        Services.AddHostedService(sp => new RetentionGate(sp));
        Services.AddHostedService<LostRunCleanup>();
        Services.AddHostedService<ScheduleReconciler>();
        Services.AddHostedService<PluginVersionCollector>();
        return this;
    }

    /// <summary>Runs the retention job only when <see cref="EngineOptions.EnableRetention"/> is set.</summary>
    private sealed class RetentionGate(IServiceProvider services) : Microsoft.Extensions.Hosting.IHostedService
    {
        private RetentionService? _service;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!services.GetRequiredService<IOptions<EngineOptions>>().Value.EnableRetention)
            {
                return Task.CompletedTask;
            }

            _service = ActivatorUtilities.CreateInstance<RetentionService>(services);
            return _service.StartAsync(cancellationToken);
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            if (_service is not null)
            {
                await _service.StopAsync(cancellationToken);
                _service.Dispose();
            }
        }
    }
}
