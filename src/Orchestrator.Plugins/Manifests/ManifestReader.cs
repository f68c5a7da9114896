using System.Collections.Immutable;
using System.Text;
using Orchestrator.Documents.Parsing;
using Orchestrator.Documents.Problems;
using Orchestrator.Plugins.Manifests.Validation;

namespace Orchestrator.Plugins.Manifests;

/// <summary>Reads and validates plugin manifests (plugin.yaml, plugin.yml or plugin.json).</summary>
public static class ManifestReader
{
    /// <summary>Manifests larger than this are rejected before parsing.</summary>
    public const long MaxManifestBytes = 1024 * 1024;

    private const string DocumentKind = "manifest";
    private const string TypicalSize = "a few kilobytes";

    /// <summary>The manifest file names a plugin directory may hold (exactly one of them).</summary>
    public static readonly ImmutableArray<string> FileNames = ["plugin.yaml", "plugin.yml", "plugin.json"];

    /// <summary>Reads the manifest in a plugin directory, or a manifest file, and validates it completely.</summary>
    /// <param name="path">A plugin directory or a manifest file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The manifest (when valid) and every problem found; never throws for bad content.</returns>
    public static ManifestReadResult Read(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var problems = new ProblemCollector(path);
        if (Locate(path, problems) is not { } file)
        {
            return new ManifestReadResult(null, problems.ToImmutable());
        }

        problems = new ProblemCollector(file);
        if (DocumentText.Read(file, MaxManifestBytes, DocumentKind, TypicalSize, problems) is not { } text)
        {
            return new ManifestReadResult(null, problems.ToImmutable());
        }

        var format = DocumentParser.FormatOf(file)!.Value;
        var directory = PluginPaths.RealPath(Path.GetDirectoryName(Path.GetFullPath(file))!);
        return Validate(text, format, problems, directory, Path.GetFullPath(file), cancellationToken);
    }

    /// <summary>Validates manifest text that has no file of its own (for example a manifest posted to the REST API).</summary>
    /// <param name="content">The manifest text.</param>
    /// <param name="format">YAML or JSON.</param>
    /// <param name="displayPath">How problems name the file.</param>
    /// <param name="pluginDirectory">The plugin directory, when there is one; path containment and existence checks run only when given.</param>
    /// <param name="cancellationToken">Cancels validation.</param>
    /// <returns>The manifest (when valid) and every problem found; never throws for bad content.</returns>
    public static ManifestReadResult Parse(
        string content, DocumentFormat format, string displayPath, string? pluginDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(displayPath);
        var problems = new ProblemCollector(displayPath);
        if (Encoding.UTF8.GetByteCount(content) > MaxManifestBytes)
        {
            problems.Error(string.Empty, null, DocumentText.TooLarge(DocumentKind, MaxManifestBytes, TypicalSize));
            return new ManifestReadResult(null, problems.ToImmutable());
        }

        var directory = pluginDirectory is null ? null : PluginPaths.RealPath(Path.GetFullPath(pluginDirectory));
        return Validate(content, format, problems, directory, displayPath, cancellationToken);
    }

    private static ManifestReadResult Validate(
        string text, DocumentFormat format, ProblemCollector problems, string? directory, string manifestPath, CancellationToken cancellationToken)
    {
        if (DocumentParser.Parse(text, format, problems, DocumentKind, cancellationToken) is not { } root)
        {
            return new ManifestReadResult(null, problems.ToImmutable());
        }

        var manifest = new ManifestValidator(problems, directory).Validate(root, manifestPath, cancellationToken);
        return new ManifestReadResult(problems.HasErrors ? null : manifest, problems.ToImmutable());
    }

    private static string? Locate(string path, ProblemCollector problems)
    {
        if (File.Exists(path))
        {
            if (DocumentParser.FormatOf(path) is null)
            {
                problems.Error(string.Empty, null, "is not a manifest file; name it plugin.yaml, plugin.yml or plugin.json");
                return null;
            }

            return path;
        }

        if (!Directory.Exists(path))
        {
            problems.Error(string.Empty, null, "does not exist; give a plugin directory or a manifest file");
            return null;
        }

        var found = FileNames.Select(name => Path.Combine(path, name)).Where(File.Exists).ToList();
        switch (found.Count)
        {
            case 1:
                return found[0];
            case 0:
                problems.Error(string.Empty, null, "holds no manifest; add plugin.yaml, plugin.yml or plugin.json");
                return null;
            default:
                var names = string.Join(" and ", found.Select(Path.GetFileName));
                problems.Error(string.Empty, null, $"holds {names}; a plugin directory must hold exactly one manifest, remove the others");
                return null;
        }
    }
}
