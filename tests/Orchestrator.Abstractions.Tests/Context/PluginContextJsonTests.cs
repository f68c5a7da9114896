using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Abstractions.Context;

namespace Orchestrator.Abstractions.Tests.Context;

public sealed class PluginContextJsonTests
{
    private static PluginContext RoundTrip(PluginContext context) => PluginContext.FromJson(context.ToJson());

    public static TheoryData<string, object?> EveryType() => new()
    {
        { "null", null },
        { "string", "héllo \"quoted\"" },
        { "bool", true },
        { "long", long.MinValue },
        { "double", 0.1 },
        { "whole double", 2.0 },
        { "decimal", 12.50m },
        { "date_time_offset", new DateTimeOffset(2026, 3, 4, 5, 6, 7, 891, TimeSpan.FromHours(2)) },
    };

    [Theory]
    [MemberData(nameof(EveryType))]
    public void ToJson_ScalarTypes_RoundTripWithSameTypeAndValue(string key, object? value)
    {
        var context = new PluginContext();
        context.Set(key, value);

        var restored = RoundTrip(context).Get(key);

        restored.ShouldBe(value);
        restored?.GetType().ShouldBe(value!.GetType());
    }

    [Fact]
    public void ToJson_DecimalScale_IsPreserved()
    {
        var context = new PluginContext();
        context.Set("price", 12.50m);

        RoundTrip(context).Get("price")!.ToString().ShouldBe("12.50");
    }

    [Fact]
    public void ToJson_DateTimeOffset_KeepsOffset()
    {
        var context = new PluginContext();
        var time = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(-5));
        context.Set("t", time);

        ((DateTimeOffset)RoundTrip(context).Get("t")!).Offset.ShouldBe(TimeSpan.FromHours(-5));
    }

    [Fact]
    public void ToJson_JsonElement_StaysJsonElement()
    {
        var context = new PluginContext();
        context.Set("json", JsonDocument.Parse("""{"a":[1,2.5,"x",null]}""").RootElement);

        var restored = RoundTrip(context).Get("json").ShouldBeOfType<JsonElement>();

        restored.GetRawText().ShouldBe("""{"a":[1,2.5,"x",null]}""");
    }

    [Fact]
    public void ToJson_NestedMapsAndLists_KeepStructureAndTypes()
    {
        var context = new PluginContext();
        context.Set("map", new Dictionary<string, object?>
        {
            ["n"] = 1,
            ["d"] = 1.5,
            ["list"] = new object?[] { 2L, "s", null, new Dictionary<string, object?> { ["deep"] = true } },
            ["empty"] = new Dictionary<string, object?>(),
        });

        var map = RoundTrip(context).GetMap("map");

        map["n"].ShouldBeOfType<long>();
        map["d"].ShouldBeOfType<double>();
        map["empty"].ShouldBeOfType<ImmutableDictionary<string, object?>>().ShouldBeEmpty();
        var list = map["list"].ShouldBeOfType<ImmutableArray<object?>>();
        list[0].ShouldBe(2L);
        list[1].ShouldBe("s");
        list[2].ShouldBeNull();
        list[3].ShouldBeOfType<ImmutableDictionary<string, object?>>()["deep"].ShouldBe(true);
    }

    [Fact]
    public void ToJson_Shape_IsTaggedAndOrdered()
    {
        var context = new PluginContext();
        context.Set("b", 1);
        context.Set("a", new[] { "x" });

        context.ToJson().ShouldBe("""{"schema_version":1,"values":{"a":{"list":[{"string":"x"}]},"b":{"long":1}}}""");
    }

    [Fact]
    public void JsonSerializer_WithOrchestratorOptions_UsesSameShape()
    {
        var context = new PluginContext();
        context.Set("n", 1);

        var json = JsonSerializer.Serialize(context, OrchestratorJson.Options);

        json.ShouldBe(context.ToJson());
        JsonSerializer.Deserialize<PluginContext>(json, OrchestratorJson.Options)!.GetInt64("n").ShouldBe(1);
    }

    [Fact]
    public void FromJson_RestoredContext_IsUsableAndIndependent()
    {
        var context = new PluginContext();
        context.Set("n", 1);

        var restored = RoundTrip(context);
        restored.Set("n", 2);

        context.GetInt64("n").ShouldBe(1);
    }

    private static JsonElement NestedArrays(int depth) =>
        JsonDocument.Parse(new string('[', depth) + new string(']', depth), new JsonDocumentOptions { MaxDepth = depth + 1 }).RootElement.Clone();

    [Fact]
    public void ToJson_DeepestStorableValue_RoundTrips()
    {
        object? value = NestedArrays(64);
        for (var i = 0; i < 64; i++)
        {
            value = new Dictionary<string, object?> { ["k"] = value };
        }

        var context = new PluginContext();
        context.Set("deep", value);

        var json = context.ToJson();
        PluginContext.FromJson(json).ToJson().ShouldBe(json);
    }

    [Fact]
    public void Set_JsonValueDeeperThan64_ThrowsInsteadOfFailingOnRead()
    {
        var context = new PluginContext();

        Should.Throw<ArgumentException>(() => context.Set("deep", NestedArrays(65))).Message.ShouldContain("deeper than 64");
    }

    [Theory]
    [InlineData("null", "null")]
    [InlineData("[]", "must be an object")]
    [InlineData("""{"values":{}}""", "needs both")]
    [InlineData("""{"schema_version":2,"values":{}}""", "schema_version must be 1")]
    [InlineData("""{"schema_version":1,"values":{},"extra":1}""", "Unknown PluginContext property 'extra'")]
    [InlineData("""{"schema_version":1,"values":{"a":1}}""", "value 'a'")]
    [InlineData("""{"schema_version":1,"values":{"a":{}}}""", "empty object")]
    [InlineData("""{"schema_version":1,"values":{"a":{"long":1.5}}}""", "tag 'long'")]
    [InlineData("""{"schema_version":1,"values":{"a":{"guid":"x"}}}""", "tag 'guid'")]
    [InlineData("""{"schema_version":1,"values":{"a":{"long":1,"string":"x"}}}""", "more than one property")]
    [InlineData("""{"schema_version":1,"values":{"a":{"date_time_offset":"yesterday"}}}""", "tag 'date_time_offset'")]
    [InlineData("""{"schema_version":1,"values":{"a":{"map":{"k":{"long":1},"k":{"long":2}}}}}""", "duplicate key 'k'")]
    [InlineData("""{"schema_version":1,"values":{"a":null,"a":null}}""", "duplicate key 'a'")]
    [InlineData("""{"schema_version":1,"values":{"a":{"list":[1]}}}""", "value 'a'")]
    public void FromJson_BadDocument_ThrowsJsonExceptionSayingWhatIsWrong(string json, string expected)
    {
        var exception = Should.Throw<JsonException>(() => PluginContext.FromJson(json));

        exception.Message.ShouldContain(expected);
    }

    [Fact]
    public void FromJson_TruncatedText_ThrowsJsonException()
    {
        Should.Throw<JsonException>(() => PluginContext.FromJson("""{"schema_version":1,"values":{"a":{"long":"""));
    }
}
