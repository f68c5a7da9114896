using Google.Protobuf;
using Grpc.Core;
using P = Microsoft.DurableTask.Protobuf;

namespace Orchestrator.Sidecar.InProcess;

/// <summary>
/// Calls the sidecar's gRPC service in this process without HTTP/2, sockets or serialization: each call runs the
/// server's handler on the thread pool (in a clean execution context, as a call from the network would) with the
/// request object itself, and hands back the response objects (docs/sidecar.md#in-process-calls). The server's
/// hardening, dispatchers and backend are the ones remote workers reach over gRPC.
/// </summary>
internal sealed class InProcessCallInvoker : CallInvoker
{
    private readonly Dictionary<string, Delegate> _handlers;
    private readonly CancellationToken _stopped;
    private readonly int? _maxRequestBytes;
    private readonly InProcessCalls _calls;

    /// <param name="service">The server's service implementation.</param>
    /// <param name="stopped">
    /// Signalled when the sidecar has stopped: calls in progress end, new ones are refused. Not when it starts stopping:
    /// the stop waits for the calls in progress (<paramref name="calls"/>), as Kestrel drains its requests, so that a
    /// caller told to stop by the same signal ends its calls itself (a Ctrl+C of <c>run</c> is an interruption, not a
    /// lost sidecar); the worker's stream still ends at once (docs/sidecar.md#6-slow-shutdown).
    /// </param>
    /// <param name="calls">Counts the calls in progress for the sidecar's stop.</param>
    /// <param name="maxRequestBytes">The largest request the server accepts over gRPC (<c>null</c>: no limit); a larger one is refused the same way.</param>
    public InProcessCallInvoker(P.TaskHubSidecarService.TaskHubSidecarServiceBase service, CancellationToken stopped, int? maxRequestBytes, InProcessCalls calls)
    {
        var binder = new HandlerBinder();
        P.TaskHubSidecarService.BindService(binder, service);
        _handlers = binder.Handlers;
        _stopped = stopped;
        _maxRequestBytes = maxRequestBytes;
        _calls = calls;
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        AsyncUnaryCall(method, host, options, request).ResponseAsync.GetAwaiter().GetResult();

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        ArgumentNullException.ThrowIfNull(method);
        var handler = Handler<UnaryServerMethod<TRequest, TResponse>>(method) ?? ((_, _) => throw Unimplemented(method));
        var context = new InProcessCallContext(method.FullName, options, _stopped);
        var response = UnaryAsync(context, Run(context, request, () => handler(request, context)));
        return new AsyncUnaryCall<TResponse>(response, Task.FromResult(new Metadata()), () => context.Status, () => context.ResponseTrailers, context.Cancel);
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        ArgumentNullException.ThrowIfNull(method);
        var handler = Handler<ServerStreamingServerMethod<TRequest, TResponse>>(method) ?? ((_, _, _) => throw Unimplemented(method));
        var context = new InProcessCallContext(method.FullName, options, _stopped);
        var stream = new InProcessResponseStream<TResponse>(context);
        _ = StreamAsync(context, stream, Run(context, request, async () =>
        {
            await handler(request, stream, context);
            return true;
        }));
        return new AsyncServerStreamingCall<TResponse>(stream, Task.FromResult(new Metadata()), () => context.Status, () => context.ResponseTrailers, context.Cancel);
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        throw Unimplemented(method);

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        throw Unimplemented(method);

    private static async Task StreamAsync<TResponse>(InProcessCallContext context, InProcessResponseStream<TResponse> stream, Task<bool> handler)
        where TResponse : class
    {
        try
        {
            await handler;
            stream.Complete(null);
        }
        catch (RpcException ex)
        {
            stream.Complete(ex);
        }
        finally
        {
            context.Dispose();
        }
    }

    private static async Task<TResponse> UnaryAsync<TResponse>(InProcessCallContext context, Task<TResponse> handler)
    {
        try
        {
            return await handler;
        }
        finally
        {
            context.Dispose();
        }
    }

    // The handler runs on the thread pool without the caller's execution context (its ambient trace, for one); what it
    // throws reaches the client as the RpcException a remote call would end with.
    private async Task<TResponse> Run<TRequest, TResponse>(InProcessCallContext context, TRequest request, Func<Task<TResponse>> handler)
    {
        if (_stopped.IsCancellationRequested)
        {
            throw context.Failure(new RpcException(new Status(StatusCode.Unavailable, "The embedded sidecar has stopped.")));
        }

        if (_maxRequestBytes is { } max && request is IMessage message && message.CalculateSize() > max)
        {
            throw context.Failure(new RpcException(new Status(
                StatusCode.ResourceExhausted, $"Received message exceeds the maximum configured message size ({max} bytes).")));
        }

        Task<TResponse> started;
        _calls.Enter();
        using (ExecutionContext.SuppressFlow())
        {
            started = Task.Run(handler);
        }

        try
        {
            return await started;
        }
        catch (Exception ex)
        {
            throw context.Failure(ex);
        }
        finally
        {
            _calls.Exit();
        }
    }

    // None for a method the service does not have (or not of this kind): the call then ends Unimplemented, as over gRPC.
    private THandler? Handler<THandler>(IMethod method)
        where THandler : Delegate =>
        _handlers.TryGetValue(method.FullName, out var handler) ? handler as THandler : null;

    private static RpcException Unimplemented(IMethod method) =>
        new(new Status(StatusCode.Unimplemented, $"The in-process sidecar has no method '{method.FullName}' of this kind."));

    // Collects the service's handlers by method name, as the gRPC server's binding would.
    private sealed class HandlerBinder : ServiceBinderBase
    {
        public Dictionary<string, Delegate> Handlers { get; } = new(StringComparer.Ordinal);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) => Add(method, handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) => Add(method, handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) => Add(method, handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) => Add(method, handler);

        private void Add(IMethod method, Delegate? handler)
        {
            if (handler is not null)
            {
                Handlers[method.FullName] = handler;
            }
        }
    }
}
