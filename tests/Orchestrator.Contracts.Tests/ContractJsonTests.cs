using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Abstractions.Context;
using Orchestrator.Contracts;
using Orchestrator.Contracts.Problems;
using Orchestrator.Plugins.Discovery;

namespace Orchestrator.Contracts.Tests;

public sealed class ContractJsonTests
{
    [Fact]
    public void Serialize_AbsentValues_EveryKeyPresentAsNull()
    {
        var json = JsonSerializer.SerializeToElement(new FileProblem("error", "plugin.yaml", null, "name", "missing"), ContractJson.Options);

        json.EnumerateObject().Select(p => p.Name).ShouldBe(["severity", "file", "line", "field", "message"]);
        json.GetProperty("line").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void Serialize_ImmutableDictionary_KeysInOrdinalOrder()
    {
        var map = ImmutableDictionary<string, int>.Empty.Add("b", 2).Add("a", 1).Add("B", 3).Add("aa", 4);

        var text = JsonSerializer.Serialize(map, ContractJson.Options);

        text.ShouldBe("""{"B":3,"a":1,"aa":4,"b":2}""");
    }

    [Fact]
    public void Deserialize_NumberWrittenAsString_Refused()
    {
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<HealthStatus>("""{"status": "ready", "plugins": "3"}""", ContractJson.Options));
    }

    [Fact]
    public void Name_EnumValue_SnakeCase()
    {
        ContractJson.Name(PluginProblemKind.MissingSearchPath).ShouldBe("missing_search_path");
    }

    [Fact]
    public void Serialize_SharedDataWithNoMeasuredPhase_TheDurableShapeWhoseMetricsTimesAreLeftOut()
    {
        var contract = JsonSerializer.Serialize(SharedData.Empty, ContractJson.Options);

        contract.ShouldBe(SharedData.Empty.ToJson());
        JsonSerializer.SerializeToElement(SharedData.Empty, ContractJson.Options).GetProperty("metrics").TryGetProperty("started_at", out _).ShouldBeFalse();
    }

    [Fact]
    public void Serialize_TextWithQuotesAndNonAscii_WrittenAsIs()
    {
        var text = JsonSerializer.Serialize(new HealthStatus("it's <ok> – ja", null), ContractJson.Options);

        text.ShouldBe("""{"status":"it's <ok> – ja","plugins":null}""");
    }
}
