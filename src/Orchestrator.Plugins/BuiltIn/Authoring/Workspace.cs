using System.Text;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.BuiltIn.Authoring;

/// <summary>The run's working directory: files are written with LF line endings in UTF-8 and named relative to it.</summary>
internal sealed class Workspace(string root)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>Writes a file (creating its folders) and returns its path relative to the root, with '/' separators.</summary>
    public async Task<string> WriteAsync(string relativePath, string content, CancellationToken cancellationToken)
    {
        var full = Resolve(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllTextAsync(full, content.ReplaceLineEndings("\n"), Utf8, cancellationToken);
        return Relative(full);
    }

    public Task<string> ReadAsync(string relativePath, CancellationToken cancellationToken) =>
        File.ReadAllTextAsync(Resolve(relativePath), cancellationToken);

    public bool Exists(string relativePath) => File.Exists(Resolve(relativePath));

    /// <summary>The absolute path of a file inside the workspace; a path leaving it is refused.</summary>
    public string Resolve(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(Root, relativePath));
        var inside = full.StartsWith(Root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return inside ? full : throw new PhaseInputException($"Path '{relativePath}' leaves the working directory '{Root}'.");
    }

    public string Relative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace(Path.DirectorySeparatorChar, '/');
}
