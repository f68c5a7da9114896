using System.Globalization;

namespace Orchestrator.Bench.ScaleOut;

/// <summary>CPU time a process has used so far (user + system, from /proc/PID/stat), to read a figure against what bounds it.</summary>
internal static class ProcessCpu
{
    private static readonly double TicksPerSecond = 100;

    /// <summary>The process's own CPU time, with <paramref name="children"/> that of its children it has waited for (plugin executables).</summary>
    public static TimeSpan Of(int processId, bool children = false)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");

        // Fields after the command name (which may hold spaces) start at field 3; utime, stime, cutime and cstime are
        // fields 14 to 17.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = Enumerable.Range(11, children ? 4 : 2).Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>CPU time the whole machine has been busy (every core, every process), from /proc/stat.</summary>
    public static TimeSpan Machine()
    {
        // cpu user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var busy = new[] { 1, 2, 3, 6, 7, 8 }.Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
        return TimeSpan.FromSeconds(busy / TicksPerSecond);
    }
}
