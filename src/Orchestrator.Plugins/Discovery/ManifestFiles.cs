using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Plugins.Discovery;

/// <summary>Recognises plugin directories by their manifest file.</summary>
internal static class ManifestFiles
{
    /// <summary>The accepted names, for messages.</summary>
    public static string Names => string.Join(", ", ManifestReader.FileNames);

    /// <summary>True when the directory directly holds a manifest file; throws when it cannot be listed.</summary>
    public static bool ExistIn(string directory) =>
        Directory.EnumerateFiles(directory).Any(file => ManifestReader.FileNames.Contains(Path.GetFileName(file), StringComparer.Ordinal));
}
