using System.Security.Cryptography;
using Orchestrator.Documents.Files;
using Orchestrator.Plugins.Execution;
using Orchestrator.Plugins.Loading;

namespace Orchestrator.Plugins.Snapshots;

/// <summary>
/// The content-addressed copies of plugin directories (docs/writing-plugins.md#runs-in-flight):
/// <c>&lt;root&gt;/&lt;name&gt;/&lt;content hash&gt;</c>. A snapshot is written into a temporary directory beside its
/// final place and renamed into it only once its copy hashes to the identity's hash, so a crash never leaves a half
/// snapshot under a final name; one is verified again before it is used. The last write time of a snapshot directory
/// is when the version was last current or in use, which is what collection measures its grace time from.
/// </summary>
internal sealed class PluginSnapshotStore(string root)
{
    // Leftovers of a crash in the middle of a copy or a delete start with this; final names are hashes.
    private const string PartialPrefix = ".partial-";
    private const string DeletingPrefix = ".deleting-";

    public string Root => root;

    public string PathOf(PluginIdentity identity) => Path.Combine(root, identity.Name, identity.ContentHash);

    /// <summary>Makes sure the snapshot of <paramref name="identity"/> exists, copying <paramref name="source"/> when it does not.</summary>
    /// <returns>The snapshot directory.</returns>
    /// <exception cref="IOException">The copy failed, or <paramref name="source"/> no longer hashes to the identity's hash.</exception>
    /// <exception cref="UnauthorizedAccessException">The source or the store may not be read or written.</exception>
    public string Save(string source, PluginIdentity identity, CancellationToken cancellationToken)
    {
        var final = PathOf(identity);
        if (Directory.Exists(final))
        {
            Touch(final);
            return final;
        }

        var parent = Path.GetDirectoryName(final)!;
        Directory.CreateDirectory(parent);
        var partial = Path.Combine(parent, $"{PartialPrefix}{identity.ContentHash[..12]}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
        try
        {
            SnapshotCopy.Tree(source, partial, cancellationToken);
            var copied = ContentHash.Compute(partial, cancellationToken);
            if (!string.Equals(copied, identity.ContentHash, StringComparison.Ordinal))
            {
                throw new IOException(
                    $"the copy of '{source}' hashes to {copied[..12]}, not {identity.ContentHash[..12]}: the directory changed while it was copied (the next reload loads and copies it again)");
            }

            try
            {
                Directory.Move(partial, final);
            }
            catch (IOException) when (Directory.Exists(final))
            {
                // Another process or reload stored the same content first: same hash, same files.
                DeleteTree(partial);
            }

            return final;
        }
        catch
        {
            DeleteTree(partial);
            throw;
        }
    }

    /// <summary>The snapshot of <paramref name="identity"/> when it is there and whole, or why it is not.</summary>
    public SnapshotLookup Find(PluginIdentity identity, CancellationToken cancellationToken)
    {
        var path = PathOf(identity);
        if (!Directory.Exists(path))
        {
            return new SnapshotLookup(null, $"no snapshot in {path}");
        }

        string hash;
        try
        {
            hash = ContentHash.Compute(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new SnapshotLookup(null, $"the snapshot in {path} cannot be read: {e.Message}");
        }

        if (!string.Equals(hash, identity.ContentHash, StringComparison.Ordinal))
        {
            return new SnapshotLookup(null, $"the snapshot in {path} is damaged: its content hashes to {hash[..12]}");
        }

        Touch(path);
        return new SnapshotLookup(path, null);
    }

    /// <summary>Every stored snapshot: plugin name, content hash, and when it was last current or in use (UTC).</summary>
    public IEnumerable<(string Name, string Hash, DateTime LastUsed)> List()
    {
        if (!Directory.Exists(root))
        {
            yield break;
        }

        foreach (var plugin in Directory.EnumerateDirectories(root))
        {
            foreach (var snapshot in Directory.EnumerateDirectories(plugin))
            {
                var hash = Path.GetFileName(snapshot);
                if (!hash.StartsWith('.'))
                {
                    yield return (Path.GetFileName(plugin), hash, Directory.GetLastWriteTimeUtc(snapshot));
                }
            }
        }
    }

    /// <summary>Removes the snapshot: renamed away first, so no reader ever takes a half-deleted one for whole.</summary>
    public void Delete(string name, string hash)
    {
        var path = Path.Combine(root, name, hash);
        if (!Directory.Exists(path))
        {
            return;
        }

        var doomed = Path.Combine(root, name, $"{DeletingPrefix}{hash[..Math.Min(12, hash.Length)]}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
        Directory.Move(path, doomed);
        DeleteTree(doomed);
        if (Directory.Exists(Path.Combine(root, name)) && !Directory.EnumerateFileSystemEntries(Path.Combine(root, name)).Any())
        {
            Directory.Delete(Path.Combine(root, name));
        }
    }

    /// <summary>Removes what a crash left in the middle of a copy or a delete, once older than <paramref name="before"/>.</summary>
    public void RemoveLeftovers(DateTime before)
    {
        if (!Directory.Exists(root))
        {
            return;
        }

        foreach (var plugin in Directory.EnumerateDirectories(root))
        {
            foreach (var entry in Directory.EnumerateDirectories(plugin))
            {
                var name = Path.GetFileName(entry);
                if ((name.StartsWith(PartialPrefix, StringComparison.Ordinal) || name.StartsWith(DeletingPrefix, StringComparison.Ordinal))
                    && Directory.GetLastWriteTimeUtc(entry) < before)
                {
                    DeleteTree(entry);
                }
            }
        }
    }

    /// <summary>Records that the version is current or in use now (the start of its grace time).</summary>
    public void Touch(PluginIdentity identity)
    {
        var path = PathOf(identity);
        if (Directory.Exists(path))
        {
            Touch(path);
        }
    }

    private static void Touch(string path)
    {
        try
        {
            Directory.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A store another user owns can still be read; the grace time then counts from the copy.
        }
    }

    private static void DeleteTree(string path)
    {
        if (Directory.Exists(path) && new DirectoryInfo(path).LinkTarget is null)
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
