using Grpc.Core;
using Grpc.Core.Interceptors;
using Orchestrator.Engine.Activities;

namespace Orchestrator.Engine.Hosting;

/// <summary>
/// Refuses every call the worker makes once its host has stopped. A phase attempt the stop cut short ends only then
/// (<see cref="PhaseActivity"/>), and its failure must not reach the sidecar, which hands the work out again when a
/// worker continues the run. Over gRPC the worker's channel is closed by then; a sidecar in the same process
/// (<c>run</c>, <c>serve</c> and <c>worker</c> embed one) is stopped after the engine and would still have recorded the
/// failure: a run interrupted by SIGTERM then failed its phase on resume.
/// </summary>
internal sealed class StoppedWorkerInterceptor(WorkerStopping stopping) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        ThrowIfStopped(context.Method);
        return continuation(request, context);
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, BlockingUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        ThrowIfStopped(context.Method);
        return continuation(request, context);
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        ThrowIfStopped(context.Method);
        return continuation(request, context);
    }

    private void ThrowIfStopped(IMethod method)
    {
        if (stopping.Stopped.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"{method.Name}: this worker has stopped; its work goes to the next worker that continues the run"));
        }
    }
}
