using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Documents.Reading;
using Orchestrator.Documents.Schemas;

namespace Orchestrator.Plugins.Manifests.Validation;

/// <summary>Inline JSON Schemas and configuration: <c>config_schema</c>, <c>default_config</c>, <c>*_schema</c>.</summary>
internal sealed partial class ManifestValidator
{
    private (JsonElement? Schema, ImmutableDictionary<string, JsonElement> Defaults) Config(MappingReader r)
    {
        var schema = Schema(r, "config_schema");
        if (r.Map("default_config") is not { } map)
        {
            return (schema, ImmutableDictionary<string, JsonElement>.Empty);
        }

        var defaults = NodeJson.ToDictionary(map, "default_config", problems);
        if (schema is { } valid)
        {
            var instance = NodeJson.ToElement(map, "default_config", problems);
            foreach (var error in SchemaChecker.Validate(valid, instance, cacheResult: true))
            {
                problems.Error("default_config", map.Line, $"does not satisfy config_schema: {error}");
            }
        }

        return (schema, defaults);
    }

    /// <summary>An inline schema, checked against the draft 2020-12 meta-schema; null when absent or invalid.</summary>
    private JsonElement? Schema(MappingReader r, string key)
    {
        if (r.Map(key) is not { } map)
        {
            return null;
        }

        var schema = NodeJson.ToElement(map, r.PathOf(key), problems);
        var errors = SchemaChecker.MetaSchemaErrors(schema);
        foreach (var error in errors)
        {
            r.Invalid(key, map, $"is not a valid JSON Schema (draft 2020-12): {error}");
        }

        return errors.IsEmpty ? schema : null;
    }
}
