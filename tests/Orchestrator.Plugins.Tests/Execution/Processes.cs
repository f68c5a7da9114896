namespace Orchestrator.Plugins.Tests.Execution;

/// <summary>Checks on real processes by PID, through /proc.</summary>
internal static class Processes
{
    /// <summary>True while the process exists and is not a zombie (a zombie has exited; only its parent's wait is missing).</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state != 'Z' && state != 'X';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Waits until the process is gone; fails the test with the PID after the deadline.</summary>
    public static async Task WaitGoneAsync(int pid, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (IsRunning(pid))
        {
            if (DateTime.UtcNow > deadline)
            {
                Kill(pid);
                throw new ShouldAssertException($"{what} (pid {pid}) was still running 15s after the phase failed");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Teardown for a process a failed test left behind.</summary>
    public static void Kill(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    public static async Task<int> ReadPidAsync(string file)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!File.Exists(file) || (await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken)).Trim().Length == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new ShouldAssertException($"the plugin never wrote {file}");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        return int.Parse((await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
