using System.IO.Pipes;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Orchestrator.Plugins.Processes;

/// <summary>How many bytes wait unread in a pipe (ioctl FIONREAD): tells a pipe that is drained from one whose reader is late.</summary>
internal static class PipeProbe
{
    private const nuint FionRead = 0x541B;

    /// <summary>The bytes waiting in <paramref name="stream"/>'s pipe; 0 when that cannot be known.</summary>
    public static int Pending(Stream stream)
    {
        if (!OperatingSystem.IsLinux() || stream is not PipeStream pipe)
        {
            return 0;
        }

        try
        {
            return NativeMethods.Ioctl(pipe.SafePipeHandle, FionRead, out var count) == 0 ? count : 0;
        }
        catch (ObjectDisposedException)
        {
            return 0;
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Ioctl(SafePipeHandle descriptor, nuint request, out int count);
    }
}
