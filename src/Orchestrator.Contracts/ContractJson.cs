using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Contracts;

/// <summary>
/// How the contracts are written and read, by the CLI's <c>--json</c> and by the REST API alike
/// (docs/rest-api.md#json-shapes): snake_case keys and enum values, every key always present (<c>null</c> when a
/// value is absent; a property that fixes its own condition, as the shared data's metrics times do, keeps it), map keys
/// in ordinal order, numbers as JSON numbers only; as deep as the engine's messages (<see cref="JsonValues.MessageDepth"/>).
/// </summary>
public static class ContractJson
{
    /// <summary>The options, writing compact JSON (the REST API).</summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>The same options, writing indented JSON (the CLI's <c>--json</c>).</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    /// <summary>
    /// Applies the contract conventions to options the caller owns, such as ASP.NET Core's HTTP JSON options, which the
    /// OpenAPI document is generated from; so the document describes exactly what is written.
    /// </summary>
    /// <param name="options">The options to change; not yet in use.</param>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.MaxDepth = JsonValues.MessageDepth;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.Converters.Insert(0, new SortedKeysConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    }

    /// <summary>An enum value as the snake_case name the contracts use (<c>InvalidManifest</c> → <c>invalid_manifest</c>).</summary>
    /// <typeparam name="TEnum">The enum type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The name.</returns>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = indented };
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
