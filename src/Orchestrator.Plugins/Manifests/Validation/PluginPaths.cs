namespace Orchestrator.Plugins.Manifests.Validation;

/// <summary>
/// Containment rules for paths in a manifest (<c>prompts</c>, <c>entry_point</c>): relative, no <c>..</c> escape,
/// and — when the plugin directory is known — inside it after resolving every symbolic link, and existing.
/// </summary>
internal static class PluginPaths
{
    private const int MaxLinkHops = 40;

    /// <summary>Lexical checks that need no file system; an error message, or null when the path is acceptable.</summary>
    public static string? CheckRelative(string path)
    {
        if (path.Length == 0)
        {
            return "must not be empty";
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return "must not contain a NUL character";
        }

        if (Path.IsPathRooted(path) || path.StartsWith('/') || path.StartsWith('\\') || path.StartsWith('~'))
        {
            return $"'{path}' is absolute; give a path relative to the plugin directory";
        }

        var depth = 0;
        foreach (var segment in path.Split('/', '\\'))
        {
            depth += segment switch
            {
                "" or "." => 0,
                ".." => -1,
                _ => 1,
            };
            if (depth < 0)
            {
                return $"'{path}' leaves the plugin directory through '..'; keep it inside the plugin directory";
            }
        }

        return null;
    }

    /// <summary>
    /// Resolves <paramref name="relative"/> inside <paramref name="pluginDirectory"/> (already resolved) like
    /// realpath(3); returns an error message, or null with the resolved path.
    /// </summary>
    public static string? Resolve(string pluginDirectory, string relative, out string resolved)
    {
        resolved = RealPath(pluginDirectory, relative, out var loop);
        if (loop)
        {
            return $"'{relative}' goes through more than {MaxLinkHops} symbolic links (a link loop?)";
        }

        var root = Path.TrimEndingDirectorySeparator(pluginDirectory);
        var inside = resolved.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return inside ? null : $"'{relative}' resolves through a symbolic link to '{resolved}', outside the plugin directory";
    }

    /// <summary>Resolves every symbolic link of an absolute path.</summary>
    public static string RealPath(string absolutePath)
    {
        var root = Path.GetPathRoot(absolutePath) ?? "/";
        return RealPath(root, Path.GetRelativePath(root, absolutePath), out _);
    }

    private static string RealPath(string start, string relative, out bool loop)
    {
        loop = false;
        var pending = new Stack<string>(Segments(relative).Reverse());
        var current = start;
        var hops = 0;
        while (pending.TryPop(out var segment))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Join(current, segment);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                loop = true;
                return next;
            }

            foreach (var part in Segments(target).Reverse())
            {
                pending.Push(part);
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target) ?? "/";
            }
        }

        return current;
    }

    private static IEnumerable<string> Segments(string path) => path.Split('/', '\\');
}
