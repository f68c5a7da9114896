using Grpc.Core;

namespace Orchestrator.Sidecar.InProcess;

/// <summary>
/// The server side of one in-process call: the client's headers and deadline, cancelled when the client cancels, the
/// deadline passes or the sidecar has stopped; disposed when the call ends.
/// </summary>
internal sealed class InProcessCallContext : ServerCallContext, IDisposable
{
    /// <summary>What calls report as their peer and host.</summary>
    public const string PeerName = "in-process";

    private static readonly AuthContext Anonymous = new(null, []);

    private readonly string _method;
    private readonly DateTime _deadline;
    private readonly Metadata _requestHeaders;
    private readonly CancellationToken _clientCancellation;
    private readonly CancellationToken _stopped;
    private readonly CancellationTokenSource _cancellation;
    private Dictionary<object, object>? _userState;
    private volatile bool _cancelledByClient;

    public InProcessCallContext(string method, CallOptions options, CancellationToken stopped)
    {
        _method = method;
        _deadline = options.Deadline ?? DateTime.MaxValue;
        _requestHeaders = options.Headers ?? [];
        _clientCancellation = options.CancellationToken;
        _stopped = stopped;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken, stopped);
        if (_deadline != DateTime.MaxValue)
        {
            var left = _deadline.ToUniversalTime() - DateTime.UtcNow;
            _cancellation.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }
    }

    protected override string MethodCore => _method;

    protected override string HostCore => PeerName;

    protected override string PeerCore => PeerName;

    protected override DateTime DeadlineCore => _deadline;

    protected override Metadata RequestHeadersCore => _requestHeaders;

    protected override CancellationToken CancellationTokenCore => _cancellation.Token;

    protected override Metadata ResponseTrailersCore { get; } = [];

    protected override Status StatusCore { get; set; }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore => Anonymous;

    protected override IDictionary<object, object> UserStateCore => _userState ??= [];

    /// <summary>Whether the client ended the call: cancelled its token or disposed the call.</summary>
    public bool EndedByClient => _cancelledByClient || _clientCancellation.IsCancellationRequested;

    /// <summary>The status of a call the client ended.</summary>
    public static RpcException CancelledByClient => new(new Status(StatusCode.Cancelled, "Call canceled by the client."));

    /// <summary>Cancels the server's handler (the client disposed the call).</summary>
    public void Cancel()
    {
        _cancelledByClient = true;
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call has already ended.
        }
    }

    public void Dispose() => _cancellation.Dispose();

    /// <summary>
    /// What the client sees for a handler that threw: its <see cref="RpcException"/> as it is; a cancellation as the
    /// status gRPC gives it (the client cancelled, the deadline passed, the sidecar has stopped); anything else as
    /// <see cref="StatusCode.Unknown"/> with the exception's message.
    /// </summary>
    public RpcException Failure(Exception exception)
    {
        var failure = exception switch
        {
            RpcException rpc => rpc,
            OperationCanceledException when EndedByClient => CancelledByClient,
            OperationCanceledException when _stopped.IsCancellationRequested =>
                new RpcException(new Status(StatusCode.Unavailable, "The embedded sidecar has stopped.")),
            // Neither the client nor the stop cancelled it, so the deadline's timer did: that timer can fire a moment
            // before the wall clock reads the deadline, so the clock alone would call some of these Unknown.
            OperationCanceledException when _deadline != DateTime.MaxValue
                && (_cancellation.IsCancellationRequested || DateTime.UtcNow >= _deadline.ToUniversalTime()) =>
                new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded")),
            _ => new RpcException(new Status(StatusCode.Unknown, $"Exception was thrown by handler. {exception.GetType().Name}: {exception.Message}", exception)),
        };
        Status = failure.Status;
        return failure;
    }

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException("In-process sidecar calls do not propagate to other calls.");

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
