using System.Threading.Channels;
using Grpc.Core;

namespace Orchestrator.Sidecar.InProcess;

/// <summary>
/// A server-streaming call's messages, handed from the server's writer to the client's reader in memory. Readers are
/// woken on the thread pool, never inside the server's write, so a worker's processing never runs inside the dispatcher.
/// </summary>
internal sealed class InProcessResponseStream<T>(InProcessCallContext context) : IServerStreamWriter<T>, IAsyncStreamReader<T>
    where T : class
{
    private readonly Channel<T> _messages = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true });
    private T? _current;

    public WriteOptions? WriteOptions { get; set; }

    public T Current => _current ?? throw new InvalidOperationException("MoveNext has not returned true.");

    public Task WriteAsync(T message)
    {
        ArgumentNullException.ThrowIfNull(message);
        context.CancellationToken.ThrowIfCancellationRequested();
        if (!_messages.Writer.TryWrite(message))
        {
            throw new InvalidOperationException("The call has ended; nothing more can be written to its stream.");
        }

        return Task.CompletedTask;
    }

    /// <summary>Ends the stream: the reader gets the messages written so far, then the end or the failure.</summary>
    public void Complete(RpcException? failure) => _messages.Writer.TryComplete(failure);

    // As over gRPC, a call the client ended reads as cancelled, however the server's handler ended.
    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        try
        {
            if (context.EndedByClient)
            {
                throw InProcessCallContext.CancelledByClient;
            }

            while (await _messages.Reader.WaitToReadAsync(cancellationToken))
            {
                if (_messages.Reader.TryRead(out var message))
                {
                    _current = message;
                    return true;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw InProcessCallContext.CancelledByClient;
        }

        if (context.EndedByClient)
        {
            throw InProcessCallContext.CancelledByClient;
        }

        _current = null;
        return false;
    }
}
