using System.ComponentModel;
using Microsoft.Extensions.Logging;
using Orchestrator.Plugins.Execution;

namespace Orchestrator.Plugins.Processes;

/// <summary>
/// Runs one call of a plugin executable with the protocol's limits (docs/process-protocol.md#limits-and-environment):
/// in the sandbox when one is given, in its own session, an address-space limit and a CPU weight when given, stdout
/// capped, stderr streamed to the log line by line, both read to their end, and on cancellation SIGTERM to the
/// call's processes, then SIGKILL after the grace period.
/// </summary>
internal sealed class ProcessRunner(long stdoutLimit, TimeSpan killGracePeriod, ILogger logger)
{
    private static readonly TimeSpan ExitLimitAfterKill = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan HostKillDelay = TimeSpan.FromSeconds(2);

    /// <exception cref="PhaseExecutionException">The process could not be started (<see cref="PhaseFailureKind.StartFailed"/>).</exception>
    public async Task<ProcessOutcome> RunAsync(ProcessCommand command, string pluginName, CancellationToken cancellationToken)
    {
        var start = ProcessLaunch.Create(command, out var kind);
        System.Diagnostics.Process process;
        try
        {
            process = await ProcessSpawner.StartAsync(start);
        }
        catch (Win32Exception e)
        {
            throw new PhaseExecutionException(PhaseFailureKind.StartFailed, $"cannot start '{command.Executable}': {e.Message}", e);
        }

        using (process)
        {
            var tree = new ProcessTree(process, kind);
            var tail = new StderrTail();
            using var output = new CallOutput(process, stdoutLimit, line =>
            {
                tail.Add(line);
                logger.ProcessStderr(pluginName, command.Display, line);
            });
            _ = WriteStdinAsync(process, command.Stdin);

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, output.Overflow);
            var stopped = false;
            try
            {
                await process.WaitForExitAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                stopped = true;
                await StopAsync(process, tree, pluginName, command.Display);
            }

            tree.KillLeftovers();
            if (stopped)
            {
                using var drain = new CancellationTokenSource(ExitLimitAfterKill);
                await output.DrainAsync(drain.Token);
            }
            else
            {
                await output.DrainAsync(stop.Token);

                // The timeout or a cancellation that cut reading the output short is reported as such, not as whatever
                // part of stdout had arrived.
                stopped = !output.Ended && cancellationToken.IsCancellationRequested && !output.Overflowed;
            }

            return new ProcessOutcome(process.ExitCode, output.Stdout, output.Overflowed, tail.ToString(), stopped && !output.Overflowed);
        }
    }

    private async Task StopAsync(System.Diagnostics.Process process, ProcessTree tree, string pluginName, string display)
    {
        tree.Terminate();
        if (!await ExitedWithinAsync(process, killGracePeriod))
        {
            logger.ProcessKilled(pluginName, display, tree.GroupId, killGracePeriod.TotalSeconds);
            tree.Kill();
            if (!await ExitedWithinAsync(process, HostKillDelay))
            {
                tree.KillHost();
            }
        }

        using var deadline = new CancellationTokenSource(ExitLimitAfterKill);
        await process.WaitForExitAsync(deadline.Token);
    }

    private static async Task<bool> ExitedWithinAsync(System.Diagnostics.Process process, TimeSpan limit)
    {
        using var timer = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timer.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task WriteStdinAsync(System.Diagnostics.Process process, ReadOnlyMemory<byte> bytes)
    {
        try
        {
            var stream = process.StandardInput.BaseStream;
            if (!bytes.IsEmpty)
            {
                await stream.WriteAsync(bytes);
                await stream.FlushAsync();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process exited or closed stdin without reading everything (its exit code tells the story), or the
            // call ended while a descendant held stdin unread.
        }
        finally
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
            {
                // Closing a pipe whose reader is gone fails the same way.
            }
        }
    }
}
