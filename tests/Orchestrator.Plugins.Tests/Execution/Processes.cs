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

    /// <summary>What a sandboxed plugin writes to name one of its processes: its PID namespace and its pid in it.</summary>
    public const string NamespaceOf = "$(readlink /proc/self/ns/pid)";

    /// <summary>
    /// Reads lines of <c>PID-NAMESPACE PID</c> that a sandboxed plugin wrote (pids inside a PID namespace mean nothing on
    /// the host) and finds each process's host pid while it runs; fails the test when one cannot be found.
    /// </summary>
    public static async Task<List<int>> ReadSandboxedPidsAsync(string file, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var lines = File.Exists(file)
                ? (await File.ReadAllLinesAsync(file, TestContext.Current.CancellationToken)).Where(l => l.Trim().Length > 0).ToList()
                : [];
            if (lines.Count >= count)
            {
                return [.. lines.Select(line =>
                {
                    var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return HostPid(parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture))
                        ?? throw new ShouldAssertException($"no running process is pid {parts[1]} in {parts[0]} ({file})");
                })];
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new ShouldAssertException($"the plugin wrote {lines.Count} of {count} lines to {file}");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The host pid of the running process that is <paramref name="namespacePid"/> in PID namespace <paramref name="pidNamespace"/>.</summary>
    public static int? HostPid(string pidNamespace, int namespacePid)
    {
        var wanted = namespacePid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                if (new FileInfo(Path.Combine(directory, "ns", "pid")).LinkTarget != pidNamespace)
                {
                    continue;
                }

                var ids = File.ReadLines(Path.Combine(directory, "status")).FirstOrDefault(l => l.StartsWith("NSpid:", StringComparison.Ordinal));
                if (ids?.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries).LastOrDefault() == wanted && IsRunning(pid))
                {
                    return pid;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours to read.
            }
        }

        return null;
    }
}
