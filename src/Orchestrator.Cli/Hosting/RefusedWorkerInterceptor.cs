using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Orchestrator.Cli.Hosting;

/// <summary>
/// Watches the worker's work-item stream for the sidecar's "Another client is already connected" (ResourceExhausted):
/// the sidecar already has a worker, which will run the work, so this one stands down instead of retrying forever.
/// </summary>
internal sealed class RefusedWorkerInterceptor(Action onRefused) : Interceptor
{
    private const string WorkItemsMethod = "GetWorkItems";

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        var call = continuation(request, context);
        if (context.Method.Name != WorkItemsMethod)
        {
            return call;
        }

        return new AsyncServerStreamingCall<TResponse>(
            new WatchedReader<TResponse>(call.ResponseStream, onRefused), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    private sealed class WatchedReader<T>(IAsyncStreamReader<T> inner, Action onRefused) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            try
            {
                return await inner.MoveNext(cancellationToken);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted)
            {
                onRefused();
                throw;
            }
        }
    }
}
