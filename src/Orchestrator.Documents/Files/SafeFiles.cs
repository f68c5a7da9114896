using System.ComponentModel;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Orchestrator.Documents.Files;

/// <summary>
/// Looks before it reads: a FIFO, a device or a socket where a regular file is expected is reported, never opened
/// (opening a FIFO waits for a writer, <c>/dev/zero</c> never ends), so a hostile file cannot stall a reader.
/// </summary>
public static class SafeFiles
{
    /// <summary>What <paramref name="path"/> names.</summary>
    /// <param name="path">The path.</param>
    /// <param name="followLinks">Whether a final symbolic link is followed (stat) or reported as one (lstat).</param>
    /// <returns>The kind; <see cref="FileKind.Missing"/> when nothing is there (or a link's target is missing).</returns>
    /// <exception cref="IOException">The path cannot be examined (for example a directory on it is not searchable).</exception>
    public static FileKind KindOf(string path, bool followLinks)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsLinux())
        {
            return ManagedKindOf(path, followLinks);
        }

        var flags = followLinks ? 0 : NativeFiles.AtSymlinkNoFollow;
        if (NativeFiles.Statx(NativeFiles.AtFdCwd, path, flags, NativeFiles.StatxType, out var status) == 0)
        {
            return NativeFiles.KindOf(status.Mode);
        }

        var error = Marshal.GetLastPInvokeError();
        return error is 2 or 20 ? FileKind.Missing : throw Failure(path, error); // ENOENT, ENOTDIR
    }

    /// <summary>How messages name a kind: <c>a FIFO (named pipe)</c>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The words, with an article.</returns>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a directory",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        _ => "missing",
    };

    /// <summary>
    /// Opens a regular file for reading. The file is examined first and a special file is not opened; the open itself
    /// cannot block either (O_NONBLOCK), in case the file was replaced by a special file in between, and what was opened
    /// is examined again.
    /// </summary>
    /// <param name="path">The file, symbolic links followed.</param>
    /// <returns>A stream positioned at the start.</returns>
    /// <exception cref="FileNotFoundException">Nothing is there.</exception>
    /// <exception cref="IOException">It is not a regular file (the message says what it is), or it cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">It may not be read.</exception>
    public static FileStream OpenRead(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var kind = KindOf(path, followLinks: true);
        if (kind == FileKind.Missing)
        {
            throw new FileNotFoundException($"'{path}' does not exist", path);
        }

        if (kind != FileKind.Regular)
        {
            throw NotRegular(path, kind);
        }

        if (!OperatingSystem.IsLinux())
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        }

        var descriptor = NativeFiles.Open(path, NativeFiles.OpenReadNonBlocking);
        if (descriptor < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            throw error == 13 ? new UnauthorizedAccessException($"'{path}' may not be read") : Failure(path, error); // EACCES
        }

        var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        try
        {
            if (NativeFiles.Statx(descriptor, string.Empty, NativeFiles.AtEmptyPath, NativeFiles.StatxType, out var status) != 0)
            {
                throw Failure(path, Marshal.GetLastPInvokeError());
            }

            if (NativeFiles.KindOf(status.Mode) is not FileKind.Regular and var opened)
            {
                throw NotRegular(path, opened);
            }

            return new FileStream(handle, FileAccess.Read, bufferSize: 1);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The error for a path that is not a regular file.</summary>
    /// <param name="path">The path.</param>
    /// <param name="kind">What it is.</param>
    /// <returns>An exception whose message names the path and what it is.</returns>
    public static IOException NotRegular(string path, FileKind kind) =>
        new($"'{path}' is {Describe(kind)}, not a regular file; it was not opened (only regular files are read)");

    private static IOException Failure(string path, int error) => new($"cannot examine '{path}': {new Win32Exception(error).Message}");

    private static FileKind ManagedKindOf(string path, bool followLinks)
    {
        var info = new FileInfo(path);
        if (!info.Exists && !Directory.Exists(path) && info.LinkTarget is null)
        {
            return FileKind.Missing;
        }

        if (info.LinkTarget is not null)
        {
            if (!followLinks)
            {
                return FileKind.SymbolicLink;
            }

            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            return target is null || !target.Exists ? FileKind.Missing : target is DirectoryInfo ? FileKind.Directory : FileKind.Regular;
        }

        return Directory.Exists(path) ? FileKind.Directory : FileKind.Regular;
    }
}
