using Orchestrator.Documents.Files;
using Orchestrator.Plugins.Loading;

namespace Orchestrator.Plugins.Snapshots;

/// <summary>
/// Copies a plugin directory the way its content hash sees it (docs/writing-plugins.md#runs-in-flight): regular files
/// with their permission bits, symbolic links as links with the same target text (never followed, so nothing outside
/// the plugin directory is copied), directories; a FIFO, device or socket is refused.
/// </summary>
internal static class SnapshotCopy
{
    public static void Tree(string source, string destination, CancellationToken cancellationToken)
    {
        var root = Manifests.Validation.PluginPaths.RealPath(Path.GetFullPath(source));
        var directories = new List<string>();
        var entries = ContentHash.List(root, directories, cancellationToken);
        Directory.CreateDirectory(destination);
        foreach (var directory in directories.Order(StringComparer.Ordinal))
        {
            Directory.CreateDirectory(Path.Combine(destination, directory));
        }

        foreach (var (relative, full, isLink) in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var target = Path.Combine(destination, relative);
            if (isLink)
            {
                File.CreateSymbolicLink(target, new FileInfo(full).LinkTarget ?? string.Empty);
                continue;
            }

            using (var input = SafeFiles.OpenRead(full))
            using (var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write))
            {
                input.CopyTo(output);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(full));
            }
        }
    }
}
