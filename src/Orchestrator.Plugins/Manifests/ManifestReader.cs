using System.Collections.Immutable;
using System.Text;
using Orchestrator.Plugins.Manifests.Parsing;
using Orchestrator.Plugins.Manifests.Validation;

namespace Orchestrator.Plugins.Manifests;

/// <summary>Reads and validates plugin manifests (plugin.yaml, plugin.yml or plugin.json).</summary>
public static class ManifestReader
{
    /// <summary>Manifests larger than this are rejected before parsing.</summary>
    public const long MaxManifestBytes = 1024 * 1024;

    /// <summary>The manifest file names a plugin directory may hold (exactly one of them).</summary>
    public static readonly ImmutableArray<string> FileNames = ["plugin.yaml", "plugin.yml", "plugin.json"];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

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
        if (ReadText(file, problems) is not { } text)
        {
            return new ManifestReadResult(null, problems.ToImmutable());
        }

        var format = FormatOf(file)!.Value;
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
        string content, ManifestFormat format, string displayPath, string? pluginDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(displayPath);
        var problems = new ProblemCollector(displayPath);
        if (Encoding.UTF8.GetByteCount(content) > MaxManifestBytes)
        {
            problems.Error(string.Empty, null, $"the manifest is larger than {MaxManifestBytes} bytes (1 MiB); a manifest should be a few kilobytes");
            return new ManifestReadResult(null, problems.ToImmutable());
        }

        var directory = pluginDirectory is null ? null : PluginPaths.RealPath(Path.GetFullPath(pluginDirectory));
        return Validate(content, format, problems, directory, displayPath, cancellationToken);
    }

    /// <summary>The format a manifest file name implies, or null for a name that is not a manifest.</summary>
    public static ManifestFormat? FormatOf(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".yaml" or ".yml" => ManifestFormat.Yaml,
        ".json" => ManifestFormat.Json,
        _ => null,
    };

    private static ManifestReadResult Validate(
        string text, ManifestFormat format, ProblemCollector problems, string? directory, string manifestPath, CancellationToken cancellationToken)
    {
        if (DocumentParser.Parse(text, format, problems, "manifest", cancellationToken) is not { } root)
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
            if (FormatOf(path) is null)
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

    private static string? ReadText(string file, ProblemCollector problems)
    {
        try
        {
            // The size is checked before reading, and the read is bounded too in case the file grows meanwhile.
            var size = new FileInfo(file).Length;
            if (size > MaxManifestBytes)
            {
                problems.Error(string.Empty, null, $"the manifest is larger than {MaxManifestBytes} bytes (1 MiB); a manifest should be a few kilobytes");
                return null;
            }

            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            var buffer = new byte[size + 1];
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length > MaxManifestBytes)
                    {
                        break;
                    }

                    Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, MaxManifestBytes + 1));
                }

                var read = stream.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            if (length > MaxManifestBytes)
            {
                problems.Error(string.Empty, null, $"the manifest is larger than {MaxManifestBytes} bytes (1 MiB); a manifest should be a few kilobytes");
                return null;
            }

            return StrictUtf8.GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException)
        {
            problems.Error(string.Empty, null, "is not valid UTF-8 text; save the manifest as UTF-8");
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Error(string.Empty, null, $"cannot be read: {ex.Message}");
            return null;
        }
    }
}
