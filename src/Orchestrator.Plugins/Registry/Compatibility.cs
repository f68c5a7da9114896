using Orchestrator.Plugins.Manifests;
using Semver;

namespace Orchestrator.Plugins.Registry;

/// <summary>Checks a plugin's min_version/max_version against the Orchestrator version.</summary>
public static class Compatibility
{
    /// <summary>Null when the plugin supports <paramref name="product"/>; otherwise why not, naming both versions.</summary>
    public static string? Check(PluginManifest manifest, SemVersion product)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(product);
        if (manifest.MinVersion is { } min && product.ComparePrecedenceTo(min) < 0)
        {
            return $"{manifest.Name} {manifest.Version} requires Orchestrator >= {min} (min_version), but this is Orchestrator {product}";
        }

        if (manifest.MaxVersion is { } max && product.ComparePrecedenceTo(max) > 0)
        {
            return $"{manifest.Name} {manifest.Version} supports Orchestrator <= {max} (max_version), but this is Orchestrator {product}";
        }

        return null;
    }
}
