namespace Orchestrator.Engine.Activities;

/// <summary>The worker type the transport (<c>UseGrpc</c>) chose, which <see cref="PluginAwareWorker"/> wraps.</summary>
internal sealed record InnerWorkerType(Type Type);
