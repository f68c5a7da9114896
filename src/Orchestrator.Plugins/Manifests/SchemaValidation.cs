using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Documents.Schemas;

namespace Orchestrator.Plugins.Manifests;

/// <summary>
/// Validates values against a manifest's inline JSON Schemas (<see cref="PluginManifest.ConfigSchema"/>,
/// <see cref="PhaseManifest.InputSchema"/>, <see cref="PhaseManifest.OutputSchema"/>) the way the reader checks
/// <c>default_config</c>: compiled schemas are cached, and regex patterns that would backtrack for hours are
/// reported instead of run.
/// </summary>
public static class SchemaValidation
{
    /// <summary>Why <paramref name="instance"/> does not satisfy <paramref name="schema"/>, at most a few messages
    /// each prefixed with the JSON Pointer of the failing value (<c>at /model: ...</c>); empty when it does.</summary>
    /// <param name="schema">A schema from a validated manifest.</param>
    /// <param name="instance">The value to check.</param>
    public static ImmutableArray<string> Validate(JsonElement schema, JsonElement instance) =>
        SchemaChecker.Validate(schema, instance, cacheResult: false);
}
