namespace Orchestrator.Plugins.Tests.Manifests;

/// <summary>A real temporary plugin directory, deleted on dispose.</summary>
internal sealed class TempPlugin : IDisposable
{
    public TempPlugin()
    {
        Root = Directory.CreateTempSubdirectory("orch-manifest-").FullName;
        PluginDirectory = Path.Combine(Root, "plugin");
        Directory.CreateDirectory(PluginDirectory);
    }

    /// <summary>Parent of <see cref="Directory"/>, for files that must lie outside the plugin.</summary>
    public string Root { get; }

    public string PluginDirectory { get; }

    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(PluginDirectory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public string WriteExecutable(string relativePath, string content)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Executable bits are a Unix concept.");
        }

        var path = Write(relativePath, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
