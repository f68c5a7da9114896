using System.Collections.Immutable;

namespace Orchestrator.Engine.Workspaces;

/// <summary>
/// The artifacts a phase reported that are really in its workspace: a file or directory reached without a symbolic link,
/// so a listed artifact is never missing and never points outside the run (docs/running-workflows.md#how-a-run-executes).
/// </summary>
public static class WorkspaceArtifacts
{
    /// <summary>Splits <paramref name="artifacts"/> into those present in <paramref name="workspace"/> and the rest, each with the reason.</summary>
    public static (ImmutableArray<string> Present, ImmutableArray<string> Dropped) Check(string workspace, IEnumerable<string> artifacts)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(artifacts);
        var present = ImmutableArray.CreateBuilder<string>();
        var dropped = ImmutableArray.CreateBuilder<string>();
        foreach (var artifact in artifacts)
        {
            if (Problem(workspace, artifact) is { } problem)
            {
                dropped.Add($"'{artifact}' {problem}");
            }
            else
            {
                present.Add(artifact);
            }
        }

        return (present.ToImmutable(), dropped.ToImmutable());
    }

    private static string? Problem(string workspace, string artifact)
    {
        if (Path.IsPathRooted(artifact) || artifact.Split('/', '\\').Contains(".."))
        {
            return "is not a path inside the workspace";
        }

        var path = Path.GetFullPath(workspace);
        foreach (var part in artifact.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries))
        {
            path = Path.Combine(path, part);
            FileSystemInfo entry = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
            if (entry.LinkTarget is not null)
            {
                return "is, or lies under, a symbolic link";
            }

            if (!entry.Exists)
            {
                return "does not exist";
            }
        }

        return null;
    }
}
