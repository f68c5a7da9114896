namespace Orchestrator.Plugins.Manifests;

/// <summary>The syntax a manifest is written in; both carry the same schema with snake_case keys.</summary>
public enum ManifestFormat
{
    /// <summary><c>plugin.yaml</c> or <c>plugin.yml</c>.</summary>
    Yaml,

    /// <summary><c>plugin.json</c>.</summary>
    Json,
}
