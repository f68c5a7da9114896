using System.Collections.Immutable;
using System.Text.Json;

namespace Orchestrator.Contracts.Plugins;

/// <summary><c>plugins exec --json</c>: one phase run outside the engine, and what it returned.</summary>
/// <param name="Plugin">The plugin version that ran.</param>
/// <param name="Phase">The phase.</param>
/// <param name="RunId">The run id the phase was given.</param>
/// <param name="Workdir">The directory it ran in.</param>
/// <param name="Output">Its output; null when it set none.</param>
/// <param name="Metadata">The metadata changes it returned.</param>
/// <param name="Artifacts">The files it reported, relative to the workdir.</param>
public sealed record ExecResult(
    PluginVersion Plugin,
    string Phase,
    string RunId,
    string Workdir,
    JsonElement? Output,
    ImmutableSortedDictionary<string, JsonElement> Metadata,
    ImmutableArray<string> Artifacts);
