using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Abstractions;

namespace Orchestrator.Cli.Output;

/// <summary>How commands write <c>--json</c>: the product's snake_case conventions, indented, and every key present (null when absent) so the shape is stable.</summary>
internal static class CliJson
{
    private static readonly JsonSerializerOptions Options = new(OrchestratorJson.Options)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static Task WriteAsync<T>(TextWriter writer, T value) =>
        writer.WriteLineAsync(JsonSerializer.Serialize(value, Options));

    /// <summary>An enum value as the snake_case name used in JSON.</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
