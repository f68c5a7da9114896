using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Plugins.Loading;

/// <summary>
/// The content hash of a plugin directory: SHA-256 over every file's relative path (with '/' separators,
/// sorted ordinally) and bytes. Deterministic across machines and file system order; any change to a file's
/// name or content changes it.
/// </summary>
public static class ContentHash
{
    private static readonly EnumerationOptions AllFiles = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        ReturnSpecialDirectories = false,
    };

    /// <summary>Computes the hash of <paramref name="directory"/> as lowercase hex.</summary>
    /// <exception cref="IOException">A file could not be read.</exception>
    public static string Compute(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var files = Directory.EnumerateFiles(directory, "*", AllFiles)
            .Select(file => (Relative: Path.GetRelativePath(directory, file).Replace('\\', '/'), Full: file))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .ToList();

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[8];
        var buffer = new byte[81920];
        foreach (var (relative, full) in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Encoding.UTF8.GetBytes(relative);
            BinaryPrimitives.WriteInt64LittleEndian(length, name.Length);
            hash.AppendData(length);
            hash.AppendData(name);
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
            BinaryPrimitives.WriteInt64LittleEndian(length, stream.Length);
            hash.AppendData(length);
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
