using System.Runtime.InteropServices;

namespace Orchestrator.Plugins.Processes;

/// <summary>
/// Signals a whole process group. Plugin executables are started through <c>setsid</c>, so the entry process
/// leads a new session and group whose id is its pid; every child it starts is in that group unless it leaves it.
/// </summary>
internal static partial class ProcessGroup
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    /// <summary>Sends <paramref name="signal"/> to every process in group <paramref name="groupId"/>; false when none is left.</summary>
    public static bool Signal(int groupId, int signal) => groupId > 1 && NativeMethods.Kill(-groupId, signal) == 0;

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Kill(int pid, int signal);
    }
}
