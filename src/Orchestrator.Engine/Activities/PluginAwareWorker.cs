using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Orchestrator.Engine.Activities;

/// <summary>
/// The gRPC worker with <see cref="PluginTaskFactory"/> in front of the SDK's factory. The SDK's builder creates its
/// build target with the registry's factory; this target wraps that factory and hands it to the SDK's own gRPC
/// worker (an internal type, captured from the builder after <c>UseGrpc</c>), which it owns.
/// </summary>
internal sealed class PluginAwareWorker : DurableTaskWorker
{
    private readonly DurableTaskWorker _inner;

    public PluginAwareWorker(string name, IDurableTaskFactory factory, IServiceProvider services, InnerWorkerType innerType)
        : base(name, new PluginTaskFactory(factory))
    {
        _inner = (DurableTaskWorker)ActivatorUtilities.CreateInstance(services, innerType.Type, name, Factory);
    }

    public override Task StartAsync(CancellationToken cancellationToken) => _inner.StartAsync(cancellationToken);

    public override Task StopAsync(CancellationToken cancellationToken) => _inner.StopAsync(cancellationToken);

    public override void Dispose()
    {
        _inner.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
}
