using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Orchestrator.Plugins.Execution;

namespace Orchestrator.Plugins.Processes;

/// <summary>
/// Runs one call of a plugin executable with the protocol's limits: its own process group (via <c>setsid</c>),
/// an address-space limit (via <c>prlimit</c>) and a CPU weight (via <c>nice</c>) when given, stdout capped, stderr streamed to the log line
/// by line, and on cancellation SIGTERM to the group, then SIGKILL after the grace period.
/// </summary>
internal sealed class ProcessRunner(long stdoutLimit, TimeSpan killGracePeriod, ILogger logger)
{
    private const int MaxStderrLine = 4096;
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ExitLimitAfterKill = TimeSpan.FromSeconds(30);

    /// <exception cref="PhaseExecutionException">The process could not be started (<see cref="PhaseFailureKind.StartFailed"/>).</exception>
    public async Task<ProcessOutcome> RunAsync(ProcessCommand command, string pluginName, CancellationToken cancellationToken)
    {
        var start = CreateStartInfo(command, out var ownGroup);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("no process was started");
        }
        catch (Win32Exception e)
        {
            throw new PhaseExecutionException(PhaseFailureKind.StartFailed, $"cannot start '{command.Executable}': {e.Message}", e);
        }

        using (process)
        {
            var groupId = ownGroup ? process.Id : 0;
            var tail = new StderrTail();
            using var overflow = new CancellationTokenSource();
            var stdout = ReadCappedAsync(process.StandardOutput.BaseStream, overflow);
            var stderr = ReadLinesAsync(process.StandardError, line =>
            {
                tail.Add(line);
                logger.ProcessStderr(pluginName, command.Display, line);
            });
            var stdin = WriteStdinAsync(process, command.Stdin);

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, overflow.Token);
            var stopped = false;
            try
            {
                await process.WaitForExitAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                stopped = true;
                await StopAsync(process, groupId, pluginName, command.Display);
            }

            // Whatever the entry process left running in its group does not outlive the call.
            KillGroup(process, groupId);
            await DrainAsync(stdin, stdout, stderr);
            var output = stdout.IsCompletedSuccessfully ? stdout.Result : [];
            return new ProcessOutcome(process.ExitCode, output, overflow.IsCancellationRequested, tail.ToString(), stopped && !overflow.IsCancellationRequested);
        }
    }

    private static ProcessStartInfo CreateStartInfo(ProcessCommand command, out bool ownGroup)
    {
        var chain = new List<string>();
        ownGroup = ProcessTools.Setsid is not null;
        if (ProcessTools.Setsid is { } setsid)
        {
            chain.Add(setsid);
        }

        if (Niceness(command.CpuShares) is > 0 and var niceness && ProcessTools.Nice is { } nice)
        {
            chain.AddRange([nice, "-n", niceness.ToString(CultureInfo.InvariantCulture)]);
        }

        if (command.MaxMemory is { } bytes && OperatingSystem.IsLinux())
        {
            if (ProcessTools.Prlimit is { } prlimit)
            {
                chain.AddRange([prlimit, "--as=" + bytes.ToString(CultureInfo.InvariantCulture), "--"]);
            }
            else
            {
                chain.AddRange(["/bin/sh", "-c", "ulimit -v \"$1\" && shift && exec \"$@\"", "sh", (bytes / 1024).ToString(CultureInfo.InvariantCulture)]);
            }
        }

        chain.Add(command.Executable);
        chain.AddRange(command.Arguments);
        var start = new ProcessStartInfo(chain[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = command.WorkingDirectory,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in chain.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var (key, value) in command.Environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    /// <summary>
    /// The nice level whose scheduler weight matches <paramref name="cpuShares"/>: the Linux scheduler weighs nice 0
    /// as 1024 (the default of cgroup <c>cpu.shares</c>) and each nice step as 1.25 times less, so shares S run at
    /// nice log1.25(1024 / S), capped to 0..19. Raising priority above the default (S above 1024) needs privileges
    /// the host should not have, so it stays at 0.
    /// </summary>
    internal static int Niceness(int? cpuShares)
    {
        if (cpuShares is not { } shares || shares >= 1024)
        {
            return 0;
        }

        var level = Math.Log(1024.0 / Math.Max(shares, 1)) / Math.Log(1.25);
        return (int)Math.Clamp(Math.Round(level), 0, 19);
    }

    private async Task StopAsync(Process process, int groupId, string pluginName, string display)
    {
        if (groupId == 0)
        {
            process.Kill(entireProcessTree: true);
        }
        else
        {
            ProcessGroup.Signal(groupId, ProcessGroup.SigTerm);
            using var grace = new CancellationTokenSource(killGracePeriod);
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                logger.ProcessKilled(pluginName, display, groupId, killGracePeriod.TotalSeconds);
                ProcessGroup.Signal(groupId, ProcessGroup.SigKill);
            }
        }

        using var deadline = new CancellationTokenSource(ExitLimitAfterKill);
        await process.WaitForExitAsync(deadline.Token);
    }

    private static void KillGroup(Process process, int groupId)
    {
        if (groupId != 0)
        {
            ProcessGroup.Signal(groupId, ProcessGroup.SigKill);
        }
        else if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    // A process that escaped the group may still hold the pipes open: wait briefly, never forever.
    private static async Task DrainAsync(params Task[] tasks)
    {
        try
        {
            await Task.WhenAll(tasks).WaitAsync(DrainLimit);
        }
        catch (Exception e) when (e is TimeoutException or IOException or ObjectDisposedException)
        {
            // The outcome is decided by the exit code and what was read; a stuck pipe does not change it.
        }
    }

    private static async Task WriteStdinAsync(Process process, ReadOnlyMemory<byte> bytes)
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
        catch (IOException)
        {
            // The process exited or closed stdin without reading everything; its exit code tells the story.
        }
        finally
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // Closing a pipe whose reader is gone fails the same way.
            }
        }
    }

    private async Task<byte[]> ReadCappedAsync(Stream stream, CancellationTokenSource overflow)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + read > stdoutLimit)
            {
                await overflow.CancelAsync();
                return [];
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task ReadLinesAsync(StreamReader reader, Action<string> onLine)
    {
        var line = new StringBuilder();
        var chunk = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(chunk)) > 0)
        {
            for (var i = 0; i < read; i++)
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

        if (line.Length > 0)
        {
            onLine(line.ToString());
        }
    }
}
