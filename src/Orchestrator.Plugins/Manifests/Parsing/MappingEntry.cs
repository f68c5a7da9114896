namespace Orchestrator.Plugins.Manifests.Parsing;

/// <summary>One key of a <see cref="MappingNode"/> with the line the key is on.</summary>
internal sealed record MappingEntry(string Key, int KeyLine, ManifestNode Value);
