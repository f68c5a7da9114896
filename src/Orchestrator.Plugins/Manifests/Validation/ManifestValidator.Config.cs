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
        var schema = r.Schema("config_schema");
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
}
