namespace Orchestrator.Plugins.Manifests;

/// <summary>Reads and validates plugin manifests (plugin.yaml, plugin.yml or plugin.json).</summary>
public static class ManifestReader
{
    /// <summary>Manifests larger than this are rejected before parsing.</summary>
    public const long MaxManifestBytes = 1024 * 1024;

    /// <summary>Reads the manifest in a plugin directory, or a manifest file, and validates it completely.</summary>
    /// <param name="path">A plugin directory or a manifest file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The manifest (when valid) and every problem found; never throws for bad content.</returns>
    public static ManifestReadResult Read(string path, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("Being written in the manifests branch.");
}
