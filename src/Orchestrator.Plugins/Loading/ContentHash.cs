using System.Buffers.Binary;
using System.Collections.Immutable;
using System.IO.Enumeration;
using System.Security.Cryptography;
using System.Text;
using Orchestrator.Documents.Files;
using Orchestrator.Documents.Problems;
using Orchestrator.Plugins.Manifests.Validation;

namespace Orchestrator.Plugins.Loading;

/// <summary>
/// The content hash of a plugin directory (docs/writing-plugins.md#content-hash): SHA-256 over every entry's relative
/// path (with '/' separators, sorted ordinally) and content: a regular file's bytes, a symbolic link's target as
/// written. Links are never followed, so hashing never leaves the directory; a FIFO, device or socket is an error,
/// never opened. Deterministic across machines and file system order; any change to a file's name or content, or to
/// where a link points, changes it.
/// </summary>
public static class ContentHash
{
    /// <summary>The most bytes of regular files a plugin directory may hold (2 GiB).</summary>
    public const long MaxBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>The most files, links and directories a plugin directory may hold.</summary>
    public const int MaxEntries = 100_000;

    private const long LinkMarker = -1;

    private static readonly EnumerationOptions OneLevel = new()
    {
        RecurseSubdirectories = false,
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        ReturnSpecialDirectories = false,
    };

    /// <summary>Computes the hash of <paramref name="directory"/> as lowercase hex.</summary>
    /// <exception cref="IOException">An entry is a FIFO, device or socket, the directory is too large, or a file could not be read.</exception>
    /// <exception cref="UnauthorizedAccessException">An entry may not be read.</exception>
    public static string Compute(string directory, CancellationToken cancellationToken = default) => Scan(directory, cancellationToken).Hash;

    /// <summary>Computes the hash of <paramref name="directory"/> and reports the symbolic links that point outside it.</summary>
    /// <exception cref="IOException">An entry is a FIFO, device or socket, the directory is too large, or a file could not be read.</exception>
    /// <exception cref="UnauthorizedAccessException">An entry may not be read.</exception>
    public static PluginContent Scan(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var root = PluginPaths.RealPath(Path.GetFullPath(directory));
        var entries = List(root, directories: null, cancellationToken);
        var warnings = ImmutableArray.CreateBuilder<DocumentProblem>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var budget = MaxBytes;
        var buffer = new byte[81920];
        foreach (var (relative, full, isLink) in entries.OrderBy(e => e.Relative, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            Append(hash, Encoding.UTF8.GetBytes(relative));
            if (isLink)
            {
                var target = new FileInfo(full).LinkTarget ?? string.Empty;
                AppendLength(hash, LinkMarker);
                Append(hash, Encoding.UTF8.GetBytes(target));
                if (PluginPaths.Resolve(root, relative, out var resolved) is not null)
                {
                    warnings.Add(new DocumentProblem(
                        ProblemSeverity.Warning, full, string.Empty, null,
                        $"symbolic link to '{target}' (resolves to '{resolved}') points outside the plugin directory: it is not followed (the hash covers the link text) "
                        + "and inside the sandbox it shows only what the sandbox mounts at that path"));
                }

                continue;
            }

            budget -= AppendFile(hash, full, buffer, budget, cancellationToken);
        }

        return new PluginContent(Convert.ToHexStringLower(hash.GetHashAndReset()), warnings.ToImmutable());
    }

    /// <summary>
    /// The files and links under <paramref name="root"/> (links not followed), with the same limits and special-file
    /// refusal as hashing; the subdirectories are added to <paramref name="directories"/> when given.
    /// </summary>
    internal static List<(string Relative, string Full, bool IsLink)> List(string root, List<string>? directories, CancellationToken cancellationToken)
    {
        var entries = new List<(string, string, bool)>();
        var pending = new Stack<string>();
        pending.Push(root);
        var count = 0;
        while (pending.TryPop(out var directory))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var children = new FileSystemEnumerable<(string Full, bool IsDirectory, bool IsLink)>(
                directory,
                (ref FileSystemEntry e) => (e.ToFullPath(), e.IsDirectory, (e.Attributes & FileAttributes.ReparsePoint) != 0),
                OneLevel);
            foreach (var (full, isDirectory, isLink) in children)
            {
                if (++count > MaxEntries)
                {
                    throw new IOException($"'{root}' holds more than {MaxEntries} files, links and directories; a plugin directory must be smaller");
                }

                var relative = Path.GetRelativePath(root, full).Replace('\\', '/');
                if (isLink)
                {
                    entries.Add((relative, full, true));
                }
                else if (isDirectory)
                {
                    directories?.Add(relative);
                    pending.Push(full);
                }
                else if (SafeFiles.KindOf(full, followLinks: false) is var kind && kind != FileKind.Regular)
                {
                    throw SafeFiles.NotRegular(full, kind);
                }
                else
                {
                    entries.Add((relative, full, false));
                }
            }
        }

        return entries;
    }

    // Reads at most the length the file had when opened, so a file that grows while it is hashed cannot stall hashing.
    private static long AppendFile(IncrementalHash hash, string file, byte[] buffer, long budget, CancellationToken cancellationToken)
    {
        using var stream = SafeFiles.OpenRead(file);
        var length = stream.Length;
        if (length > budget)
        {
            throw new IOException($"the plugin directory holds more than {MaxBytes} bytes of files (at '{file}'); a plugin directory must be smaller");
        }

        AppendLength(hash, length);
        var remaining = length;
        int read;
        while (remaining > 0 && (read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining))) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            hash.AppendData(buffer, 0, read);
            remaining -= read;
        }

        return length;
    }

    private static void Append(IncrementalHash hash, byte[] bytes)
    {
        AppendLength(hash, bytes.Length);
        hash.AppendData(bytes);
    }

    private static void AppendLength(IncrementalHash hash, long length)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, length);
        hash.AppendData(bytes);
    }
}
