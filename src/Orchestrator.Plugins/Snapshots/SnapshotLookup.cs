namespace Orchestrator.Plugins.Snapshots;

/// <summary>A stored snapshot that is whole (<paramref name="Path"/>), or why there is none (<paramref name="Problem"/>).</summary>
internal sealed record SnapshotLookup(string? Path, string? Problem);
