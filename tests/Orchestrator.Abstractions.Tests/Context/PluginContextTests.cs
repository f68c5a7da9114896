using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Abstractions.Context;

namespace Orchestrator.Abstractions.Tests.Context;

public sealed class PluginContextTests
{
    [Fact]
    public void Set_ThenGet_ReturnsValue()
    {
        var context = new PluginContext();

        context.Set("title", "Night Train");

        context.Get("title").ShouldBe("Night Train");
        context.TryGet("title", out var value).ShouldBeTrue();
        value.ShouldBe("Night Train");
        context.Count.ShouldBe(1);
    }

    [Fact]
    public void Set_Null_IsStoredAndDistinctFromMissing()
    {
        var context = new PluginContext();

        context.Set("nothing", null);

        context.TryGet("nothing", out var value).ShouldBeTrue();
        value.ShouldBeNull();
        context.TryGet("missing", out _).ShouldBeFalse();
    }

    [Fact]
    public void Get_MissingKey_ThrowsKeyNotFoundNamingKey()
    {
        var context = new PluginContext();

        var exception = Should.Throw<ContextKeyNotFoundException>(() => context.Get("chapters"));

        exception.Key.ShouldBe("chapters");
        exception.Message.ShouldContain("'chapters'");
        exception.ShouldBeAssignableTo<OrchestratorException>();
    }

    [Fact]
    public void Delete_ExistingAndMissing_ReportsWhetherRemoved()
    {
        var context = new PluginContext();
        context.Set("a", 1);

        context.Delete("a").ShouldBeTrue();
        context.Delete("a").ShouldBeFalse();
        context.TryGet("a", out _).ShouldBeFalse();
    }

    [Fact]
    public void Clear_RemovesEverything()
    {
        var context = new PluginContext();
        context.Set("a", 1);
        context.Set("b", 2);

        context.Clear();

        context.Keys().ShouldBeEmpty();
        context.Count.ShouldBe(0);
    }

    [Fact]
    public void Keys_ReturnsOrdinalSortedSnapshot()
    {
        var context = new PluginContext();
        context.Set("b", 1);
        context.Set("B", 2);
        context.Set("a", 3);

        var keys = context.Keys();
        context.Set("c", 4);

        keys.ShouldBe(["B", "a", "b"]);
    }

    [Theory]
    [InlineData((byte)7)]
    [InlineData((sbyte)-7)]
    [InlineData((short)7)]
    [InlineData((ushort)7)]
    [InlineData(7)]
    [InlineData(7u)]
    [InlineData(7L)]
    [InlineData(7ul)]
    public void Set_AnyIntegerType_StoredAsInt64(object number)
    {
        var context = new PluginContext();

        context.Set("n", number);

        context.Get("n").ShouldBeOfType<long>();
    }

    [Fact]
    public void Set_UInt64AboveInt64Range_StoredAsDecimal()
    {
        var context = new PluginContext();

        context.Set("n", ulong.MaxValue);

        context.Get("n").ShouldBe((decimal)ulong.MaxValue);
    }

    [Fact]
    public void Set_Float_StoredAsDouble()
    {
        var context = new PluginContext();

        context.Set("x", 0.5f);

        context.Get("x").ShouldBe(0.5d);
    }

    [Fact]
    public void Set_DictionaryAndEnumerable_StoredAsImmutableMapAndList()
    {
        var context = new PluginContext();

        context.Set("map", new Dictionary<string, int> { ["a"] = 1 });
        context.Set("list", new List<string> { "x", "y" });
        context.Set("set", new HashSet<int> { 3 });

        var map = context.Get("map").ShouldBeOfType<ImmutableDictionary<string, object?>>();
        map["a"].ShouldBe(1L);
        context.Get("list").ShouldBeOfType<ImmutableArray<object?>>().ShouldBe(["x", "y"]);
        context.Get("set").ShouldBeOfType<ImmutableArray<object?>>().ShouldBe([3L]);
    }

    [Fact]
    public void Set_JsonNodeAndDocument_StoredAsJsonElement()
    {
        var context = new PluginContext();
        using var document = JsonDocument.Parse("""{"a":1}""");

        context.Set("node", new JsonObject { ["b"] = 2 });
        context.Set("doc", document);

        context.Get("node").ShouldBeOfType<JsonElement>().GetProperty("b").GetInt32().ShouldBe(2);
        context.Get("doc").ShouldBeOfType<JsonElement>().GetProperty("a").GetInt32().ShouldBe(1);
    }

    [Fact]
    public void Set_JsonElementOfDisposedDocument_KeepsIndependentCopy()
    {
        var context = new PluginContext();
        using (var document = JsonDocument.Parse("""{"a":[1,2]}"""))
        {
            context.Set("json", document.RootElement);
        }

        context.Get("json").ShouldBeOfType<JsonElement>().GetProperty("a").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public void Set_MutatingSourceAfterwards_DoesNotChangeStoredValue()
    {
        var context = new PluginContext();
        var source = new Dictionary<string, object?> { ["tags"] = new List<object?> { "a" } };

        context.Set("map", source);
        ((List<object?>)source["tags"]!).Add("b");
        source["new"] = 1;

        var map = context.GetMap("map");
        map.Keys.ShouldBe(["tags"]);
        ((ImmutableArray<object?>)map["tags"]!).ShouldBe(["a"]);
    }

    public static TheoryData<object> UnsupportedValues() =>
    [
        new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        Guid.Empty,
        DayOfWeek.Monday,
        new Uri("https://example.com"),
        'c',
        TimeSpan.Zero,
    ];

    [Theory]
    [MemberData(nameof(UnsupportedValues))]
    public void Set_UnsupportedType_ThrowsArgumentExceptionNamingKeyAndType(object value)
    {
        var context = new PluginContext();

        var exception = Should.Throw<ArgumentException>(() => context.Set("bad", value));

        exception.Message.ShouldContain("'bad'");
        exception.Message.ShouldContain(value.GetType().FullName!);
        context.TryGet("bad", out _).ShouldBeFalse();
    }

    [Fact]
    public void Set_UnsupportedTypeNestedInList_Throws()
    {
        var context = new PluginContext();

        Should.Throw<ArgumentException>(() => context.Set("bad", new object[] { 1, new { Name = "x" } }))
            .Message.ShouldContain("'bad'");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Set_NonFiniteDouble_Throws(double value)
    {
        var context = new PluginContext();

        Should.Throw<ArgumentException>(() => context.Set("x", value)).Message.ShouldContain("finite");
    }

    [Fact]
    public void Set_NonStringMapKey_Throws()
    {
        var context = new PluginContext();

        Should.Throw<ArgumentException>(() => context.Set("map", new Dictionary<int, string> { [1] = "a" }))
            .Message.ShouldContain("keys must be strings");
    }

    [Fact]
    public void Set_SelfContainingList_ThrowsInsteadOfOverflowing()
    {
        var context = new PluginContext();
        var list = new List<object?>();
        list.Add(list);

        Should.Throw<ArgumentException>(() => context.Set("loop", list)).Message.ShouldContain("deeper than");
    }

    [Fact]
    public void Set_UndefinedJsonElement_Throws()
    {
        var context = new PluginContext();

        Should.Throw<ArgumentException>(() => context.Set("json", default(JsonElement))).Message.ShouldContain("undefined");
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Set_EmptyOrNullKey_Throws(string? key)
    {
        var context = new PluginContext();

        Should.Throw<ArgumentException>(() => context.Set(key!, 1));
    }
}
