using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Abstractions;

/// <summary>The JSON conventions used everywhere Orchestrator reads or writes JSON: snake_case names.</summary>
public static class OrchestratorJson
{
    /// <summary>snake_case property names, enums as snake_case strings, nulls omitted, no trailing commas or comments.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            MaxDepth = 64,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
