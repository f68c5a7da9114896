using System.Diagnostics;
using System.Net.Sockets;

namespace Orchestrator.Testing;

/// <summary>Real FIFOs, sockets and device links for tests of code that must never read or wait on them.</summary>
public static class SpecialFiles
{
    /// <summary>Creates a FIFO (named pipe) at <paramref name="path"/> with mkfifo(1).</summary>
    public static string Fifo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })!;
        if (!mkfifo.WaitForExit(TimeSpan.FromSeconds(30)) || mkfifo.ExitCode != 0)
        {
            throw new InvalidOperationException($"mkfifo {path} failed: {mkfifo.StandardError.ReadToEnd()}");
        }

        return path;
    }

    /// <summary>
    /// Releases anything stuck opening or reading the FIFO: opening it read-write never blocks, is a writer for a
    /// reader waiting in open, and closing it is the end of file. Teardown for a test that failed.
    /// </summary>
    public static void Unblock(string fifo)
    {
        if (File.Exists(fifo))
        {
            using var writer = new FileStream(fifo, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        }
    }

    /// <summary>Creates a Unix domain socket file at <paramref name="path"/>; dispose the socket in teardown.</summary>
    public static Socket UnixSocket(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return socket;
    }

    /// <summary>A symbolic link at <paramref name="path"/> to <paramref name="target"/> (e.g. <c>/dev/zero</c>, <c>/</c>).</summary>
    public static string Link(string path, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
        return path;
    }
}
