using Orchestrator.Contracts;

namespace Orchestrator.Cli.Output;

/// <summary>
/// How commands write JSON: the contracts' conventions (<see cref="ContractJson"/>, the same as the REST API's), indented
/// for <c>--json</c>, compact inside tables.
/// </summary>
internal static class CliJson
{
    public static Task WriteAsync<T>(TextWriter writer, T value) =>
        writer.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(value, ContractJson.Indented));

    /// <summary>One-line JSON, for a value shown inside a text table.</summary>
    public static string ToCompact<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, ContractJson.Options);

    /// <summary>An enum value as the snake_case name used in JSON.</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => ContractJson.Name(value);
}
