using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Abstractions;

namespace Orchestrator.Cli.Output;

/// <summary>
/// How commands write JSON: the product's snake_case conventions, every key present (null when absent) and
/// map keys sorted, so the shape and order are stable; indented for <c>--json</c>, compact inside tables.
/// </summary>
internal static class CliJson
{
    private static readonly JsonSerializerOptions Indented = Create(indented: true);
    private static readonly JsonSerializerOptions Compact = Create(indented: false);

    public static Task WriteAsync<T>(TextWriter writer, T value) =>
        writer.WriteLineAsync(JsonSerializer.Serialize(value, Indented));

    /// <summary>One-line JSON, for a value shown inside a text table.</summary>
    public static string ToCompact<T>(T value) => JsonSerializer.Serialize(value, Compact);

    /// <summary>An enum value as the snake_case name used in JSON.</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(OrchestratorJson.Options)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Insert(0, new SortedKeysConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
