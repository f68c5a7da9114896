using System.Diagnostics;
using System.Text;

namespace Orchestrator.Plugins.Processes;

/// <summary>
/// Reads a call's stdout (capped) and stderr (line by line) from the start, and after the process ends reads both to
/// their end (docs/process-protocol.md#limits-and-environment): nothing the process wrote is dropped because the
/// reader was late. A pipe still open after the call (a descendant outside the sandbox holds it) is read until it
/// has been idle and empty for a while, so it cannot stall the call either.
/// </summary>
internal sealed class CallOutput : IDisposable
{
    private const int MaxStderrLine = 4096;
    private static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(2);

    private readonly MemoryStream _stdout = new();
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _overflow = new();
    private readonly long _limit;
    private readonly Stream _stdoutPipe;
    private readonly Stream _stderrPipe;
    private readonly Task _stdoutDone;
    private readonly Task _stderrDone;
    private Task<int> _stdoutRead = Task.FromResult(0);
    private Task<int> _stderrRead = Task.FromResult(0);
    private long _progress;

    public CallOutput(Process process, long stdoutLimit, Action<string> onStderrLine)
    {
        _limit = stdoutLimit;
        _stdoutPipe = process.StandardOutput.BaseStream;
        _stderrPipe = process.StandardError.BaseStream;
        _stdoutDone = ReadStdoutAsync();
        _stderrDone = ReadStderrAsync(process.StandardError, onStderrLine);
    }

    /// <summary>Cancelled when stdout exceeded the cap.</summary>
    public CancellationToken Overflow => _overflow.Token;

    public bool Overflowed => _overflow.IsCancellationRequested;

    /// <summary>Whether both streams were read to their end.</summary>
    public bool Ended => _stdoutDone.IsCompleted && _stderrDone.IsCompleted;

    /// <summary>Everything read from stdout; empty after an overflow.</summary>
    public byte[] Stdout
    {
        get
        {
            lock (_gate)
            {
                return Overflowed ? [] : _stdout.ToArray();
            }
        }
    }

    /// <summary>
    /// Waits until both streams ended, <paramref name="bound"/> is cancelled, or both have been idle for the idle limit
    /// with no read completed and nothing waiting in their pipes (so nothing written is left unread).
    /// </summary>
    public async Task DrainAsync(CancellationToken bound)
    {
        var both = Task.WhenAll(_stdoutDone, _stderrDone);
        while (true)
        {
            var before = Interlocked.Read(ref _progress);
            try
            {
                await both.WaitAsync(IdleLimit, bound);
                return;
            }
            catch (TimeoutException) when (Idle(before))
            {
                return;
            }
            catch (TimeoutException)
            {
                // Still reading what was written; wait on.
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public void Dispose() => _overflow.Dispose();

    private bool Idle(long before) =>
        Interlocked.Read(ref _progress) == before
        && (_stdoutDone.IsCompleted || !Volatile.Read(ref _stdoutRead).IsCompleted)
        && (_stderrDone.IsCompleted || !Volatile.Read(ref _stderrRead).IsCompleted)
        && PipeProbe.Pending(_stdoutPipe) == 0 && PipeProbe.Pending(_stderrPipe) == 0;

    private async Task ReadStdoutAsync()
    {
        var chunk = new byte[81920];
        try
        {
            while (true)
            {
                var read = _stdoutPipe.ReadAsync(chunk).AsTask();
                Volatile.Write(ref _stdoutRead, read);
                var count = await read;
                if (count == 0)
                {
                    return;
                }

                Interlocked.Add(ref _progress, count);
                lock (_gate)
                {
                    if (_stdout.Length + count > _limit)
                    {
                        _overflow.Cancel();
                        return;
                    }

                    _stdout.Write(chunk, 0, count);
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The pipe was closed under the reader; what was read stays.
        }
    }

    private async Task ReadStderrAsync(StreamReader reader, Action<string> onLine)
    {
        var line = new StringBuilder();
        var chunk = new char[4096];
        try
        {
            while (true)
            {
                var read = reader.ReadAsync(chunk).AsTask();
                Volatile.Write(ref _stderrRead, read);
                var count = await read;
                if (count == 0)
                {
                    break;
                }

                Interlocked.Add(ref _progress, count);
                for (var i = 0; i < count; i++)
                {
                    var c = chunk[i];
                    if (c == '\n')
                    {
                        onLine(line.ToString().TrimEnd('\r'));
                        line.Clear();
                    }
                    else if (line.Length < MaxStderrLine)
                    {
                        line.Append(c);
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The pipe was closed under the reader; the lines read stay.
        }

        if (line.Length > 0)
        {
            onLine(line.ToString());
        }
    }
}
