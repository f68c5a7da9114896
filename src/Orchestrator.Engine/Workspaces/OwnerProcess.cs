using System.Diagnostics;
using System.Globalization;

namespace Orchestrator.Engine.Workspaces;

/// <summary>
/// A process as a run marker names it: its id and when it started, so that a process that later got the same id is not
/// taken for it. On Linux the start is the boot id and the start time in clock ticks from <c>/proc/PID/stat</c>, both
/// exact; elsewhere it is the start time the OS reports.
/// </summary>
/// <param name="Id">The process id.</param>
/// <param name="Started">When the process started, in the form <see cref="Of"/> gives.</param>
public sealed record OwnerProcess(int Id, string Started)
{
    // Off Linux the start time is derived from the boot time, which the runtime may compute a little differently in
    // two processes; a tolerance keeps a live owner from being taken for dead (the safe side of the comparison).
    private static readonly TimeSpan StartTolerance = TimeSpan.FromSeconds(1);

    private static readonly Lazy<string> BootId = new(ReadBootId);

    /// <summary>This process.</summary>
    public static OwnerProcess Current { get; } = Of(Environment.ProcessId) ?? new(Environment.ProcessId, string.Empty);

    /// <summary>The running process with that id, or null when none runs (a zombie counts as gone).</summary>
    public static OwnerProcess? Of(int processId)
    {
        if (processId <= 0)
        {
            return null;
        }

        return OperatingSystem.IsLinux() ? FromProc(processId) : FromOs(processId);
    }

    /// <summary>Whether this very process is still running: a process of that id runs and started when this one did.</summary>
    public bool IsRunning() => Of(Id) is { } now && SameStart(now.Started, Started);

    private static OwnerProcess? FromProc(int processId)
    {
        try
        {
            // "PID (name) STATE PPID ...": the name may hold spaces and parentheses; starttime is field 22.
            var stat = File.ReadAllText(string.Create(CultureInfo.InvariantCulture, $"/proc/{processId}/stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length < 20 || fields[0] is "Z" or "X" ? null : new(processId, $"{BootId.Value}/{fields[19]}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static OwnerProcess? FromOs(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited ? null : new(processId, process.StartTime.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return null;
        }
    }

    private static bool SameStart(string now, string recorded)
    {
        if (string.Equals(now, recorded, StringComparison.Ordinal))
        {
            return true;
        }

        return !OperatingSystem.IsLinux()
            && DateTimeOffset.TryParse(now, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var a)
            && DateTimeOffset.TryParse(recorded, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var b)
            && (a - b).Duration() <= StartTolerance;
    }

    private static string ReadBootId()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "unknown-boot";
        }
    }
}
