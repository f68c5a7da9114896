using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;

namespace Orchestrator.Plugins.Processes;

/// <summary>
/// Starts every plugin process from one long-lived thread. bwrap's <c>--die-with-parent</c> (PR_SET_PDEATHSIG) fires
/// when the <em>thread</em> that started it ends, not the process; thread-pool threads come and go, so a sandbox
/// started from one could be killed mid-call. This thread lives as long as the process, so a sandbox dies with the
/// host process and never earlier. Starting a process is serialized by the runtime anyway.
/// </summary>
internal static class ProcessSpawner
{
    private static readonly BlockingCollection<(ProcessStartInfo Start, TaskCompletionSource<Process> Started)> Requests = [];
    private static readonly Lazy<Thread> Spawner = new(StartThread);

    /// <summary>Starts the process on the spawner thread.</summary>
    /// <exception cref="Win32Exception">The executable could not be started.</exception>
    public static Task<Process> StartAsync(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        _ = Spawner.Value;
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((start, started));
        return started.Task;
    }

    private static Thread StartThread()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "Orchestrator plugin process spawner" };
        thread.Start();
        return thread;
    }

    private static void Run()
    {
        foreach (var (start, started) in Requests.GetConsumingEnumerable())
        {
            try
            {
                started.SetResult(Process.Start(start) ?? throw new Win32Exception("no process was started"));
            }
            catch (Exception e)
            {
                // Whatever Process.Start throws belongs to the caller; this thread must keep serving.
                started.SetException(e);
            }
        }
    }
}
