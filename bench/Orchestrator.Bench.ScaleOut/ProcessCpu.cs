using System.Globalization;

namespace Orchestrator.Bench.ScaleOut;

/// <summary>CPU time a process has used so far (user + system, from /proc/PID/stat), to read a figure against what bounds it.</summary>
internal static class ProcessCpu
{
    private static readonly double TicksPerSecond = 100;

    public static TimeSpan Of(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");

        // Fields after the command name (which may hold spaces) start at field 3; utime and stime are fields 14 and 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
