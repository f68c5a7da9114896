using Orchestrator.Engine.Activities;
using Orchestrator.Engine.Payloads;

namespace Orchestrator.Engine.Workspaces;

/// <summary>
/// Copies the files of a run's workspace into its retry's, so that the phases the retry runs find what the phases it
/// took over wrote (docs/running-workflows.md#retry-a-failed-run). Of the engine's own folder only the values stored by
/// reference are copied, which the shared data taken over names; its marker and saved shared data belong to the run
/// retried. A symbolic link is copied as a link, never followed.
/// </summary>
internal static class WorkspaceCopy
{
    public static void Copy(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            if (entry.Name == SharedDataSnapshot.EngineFolder && entry is DirectoryInfo engine)
            {
                if (engine.EnumerateDirectories(PayloadStore.FolderName).FirstOrDefault() is { LinkTarget: null } payloads)
                {
                    CopyEntry(payloads, PayloadStore.FolderOf(target));
                }

                continue;
            }

            CopyEntry(entry, Path.Combine(target, entry.Name));
        }
    }

    private static void CopyEntry(FileSystemInfo entry, string destination)
    {
        if (entry.LinkTarget is { } link)
        {
            if (entry is DirectoryInfo)
            {
                Directory.CreateSymbolicLink(destination, link);
            }
            else
            {
                File.CreateSymbolicLink(destination, link);
            }

            return;
        }

        if (entry is FileInfo file)
        {
            file.CopyTo(destination, overwrite: true);
            return;
        }

        Directory.CreateDirectory(destination);
        foreach (var child in ((DirectoryInfo)entry).EnumerateFileSystemInfos())
        {
            CopyEntry(child, Path.Combine(destination, child.Name));
        }
    }
}
