namespace Orchestrator.Plugins.Discovery;

/// <summary>The file names a plugin directory's manifest may have.</summary>
internal static class ManifestFiles
{
    public static readonly string[] Names = ["plugin.yaml", "plugin.yml", "plugin.json"];

    /// <summary>True when the directory directly holds a manifest file; throws when it cannot be listed.</summary>
    public static bool ExistIn(string directory) =>
        Directory.EnumerateFiles(directory).Any(file => Names.Contains(Path.GetFileName(file), StringComparer.Ordinal));
}
