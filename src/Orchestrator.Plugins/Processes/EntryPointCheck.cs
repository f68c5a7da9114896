using Orchestrator.Documents.Files;
using Orchestrator.Plugins.Manifests.Validation;

namespace Orchestrator.Plugins.Processes;

/// <summary>docs/process-protocol.md#calls: the entry point must be a regular, executable file inside the plugin directory.</summary>
internal static class EntryPointCheck
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>What is wrong with <paramref name="executable"/>, or null when it can be run.</summary>
    public static string? Problem(string pluginDirectory, string executable)
    {
        var relative = Path.GetRelativePath(pluginDirectory, executable);
        if (PluginPaths.CheckRelative(relative) is { } lexical)
        {
            return lexical;
        }

        if (PluginPaths.Resolve(pluginDirectory, relative, out var resolved) is { } escape)
        {
            return escape;
        }

        FileKind kind;
        try
        {
            kind = SafeFiles.KindOf(resolved, followLinks: true);
        }
        catch (IOException e)
        {
            return e.Message;
        }

        switch (kind)
        {
            case FileKind.Missing:
                return $"'{relative}' does not exist in {pluginDirectory}";
            case FileKind.Directory:
                return $"'{relative}' is a directory, not an executable file";
            case not FileKind.Regular:
                return $"'{relative}' is {SafeFiles.Describe(kind)}, not a regular executable file";
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(resolved) & AnyExecute) == 0)
        {
            return $"'{relative}' is not executable; run chmod +x on it";
        }

        return null;
    }
}
