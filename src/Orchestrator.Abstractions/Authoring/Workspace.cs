using System.Text;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Abstractions.Authoring;

/// <summary>The run's working directory: files are written with LF line endings in UTF-8 and named relative to it.</summary>
/// <param name="root">The working directory (<see cref="PhaseRequest.WorkingDirectory"/>).</param>
public sealed class Workspace(string root)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The working directory as a full path.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>Writes a file (creating its folders) and returns its path relative to the root, with '/' separators.</summary>
    /// <param name="relativePath">The file, relative to <see cref="Root"/>.</param>
    /// <param name="content">The text; line endings become LF.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The path to list in <see cref="PhaseResult.Artifacts"/>.</returns>
    /// <exception cref="PhaseInputException">The path leaves the working directory.</exception>
    public async Task<string> WriteAsync(string relativePath, string content, CancellationToken cancellationToken)
    {
        var full = Resolve(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllTextAsync(full, content.ReplaceLineEndings("\n"), Utf8, cancellationToken);
        return Relative(full);
    }

    /// <summary>Reads a file of the working directory.</summary>
    /// <param name="relativePath">The file, relative to <see cref="Root"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The text.</returns>
    /// <exception cref="PhaseInputException">The path leaves the working directory.</exception>
    public Task<string> ReadAsync(string relativePath, CancellationToken cancellationToken) =>
        File.ReadAllTextAsync(Resolve(relativePath), cancellationToken);

    /// <summary>Whether a file of the working directory exists.</summary>
    /// <param name="relativePath">The file, relative to <see cref="Root"/>.</param>
    /// <returns>True when the file exists.</returns>
    /// <exception cref="PhaseInputException">The path leaves the working directory.</exception>
    public bool Exists(string relativePath) => File.Exists(Resolve(relativePath));

    /// <summary>The absolute path of a file inside the workspace; a path leaving it is refused.</summary>
    /// <param name="relativePath">The file, relative to <see cref="Root"/>.</param>
    /// <returns>The full path.</returns>
    /// <exception cref="PhaseInputException">The path leaves the working directory.</exception>
    public string Resolve(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(Root, relativePath));
        var inside = full.StartsWith(Root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return inside ? full : throw new PhaseInputException($"Path '{relativePath}' leaves the working directory '{Root}'.");
    }

    /// <summary>A path inside the workspace as it is listed in artifacts.</summary>
    /// <param name="fullPath">A full path below <see cref="Root"/>.</param>
    /// <returns>The path relative to <see cref="Root"/>, with '/' separators.</returns>
    public string Relative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace(Path.DirectorySeparatorChar, '/');
}
