using System.Diagnostics;
using System.Globalization;
using System.Text;
using Orchestrator.Plugins.Processes.Sandbox;

namespace Orchestrator.Plugins.Processes;

/// <summary>
/// The command line of one call: <c>setsid</c> (its own session, away from the host's terminal signals), then
/// <c>nice</c> and <c>prlimit</c> when the manifest asks, then <c>bwrap</c> when sandboxed, then the executable. Each
/// tool execs the next, so this is one process; there is no shell.
/// </summary>
internal static class ProcessLaunch
{
    public static ProcessStartInfo Create(ProcessCommand command, out TreeKind kind)
    {
        var chain = new List<string>();
        kind = TreeKind.Plain;
        if (ProcessTools.Setsid is { } setsid)
        {
            chain.Add(setsid);
            kind = TreeKind.Group;
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

        if (command.Sandbox is { } sandbox)
        {
            chain.Add(sandbox.Bwrap);
            chain.AddRange(BwrapArguments.For(sandbox, command.WorkingDirectory));
            chain.Add("--");
            kind = TreeKind.Sandbox;
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

        // bwrap passes its own environment on, and it is what the sandbox's init shows in /proc/1/environ: the
        // allowlisted environment, never the host's.
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
}
