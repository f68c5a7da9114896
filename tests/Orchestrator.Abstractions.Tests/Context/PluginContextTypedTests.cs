using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Abstractions.Context;

namespace Orchestrator.Abstractions.Tests.Context;

public sealed class PluginContextTypedTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void GetString_StringOrJsonString_ReturnsText()
    {
        var context = new PluginContext();
        context.Set("plain", "a");
        context.Set("json", Json("\"b\""));

        context.GetString("plain").ShouldBe("a");
        context.GetString("json").ShouldBe("b");
    }

    [Fact]
    public void GetInt64_IntegersAndWholeNumbers_Converts()
    {
        var context = new PluginContext();
        context.Set("int", 5);
        context.Set("long", long.MaxValue);
        context.Set("json", Json("12"));
        context.Set("json-float", Json("3.0"));
        context.Set("double", 4.0);
        context.Set("decimal", 6.00m);

        context.GetInt64("int").ShouldBe(5);
        context.GetInt64("long").ShouldBe(long.MaxValue);
        context.GetInt64("json").ShouldBe(12);
        context.GetInt64("json-float").ShouldBe(3);
        context.GetInt64("double").ShouldBe(4);
        context.GetInt64("decimal").ShouldBe(6);
    }

    [Theory]
    [InlineData("3.5")]
    [InlineData("1e30")]
    [InlineData("\"12\"")]
    [InlineData("true")]
    public void GetInt64_NonIntegerJson_ThrowsWrongType(string json)
    {
        var context = new PluginContext();
        context.Set("n", Json(json));

        var exception = Should.Throw<ContextValueTypeException>(() => context.GetInt64("n"));

        exception.Key.ShouldBe("n");
        exception.ExpectedType.ShouldBe("an integer (Int64)");
        exception.Message.ShouldContain("'n'");
        exception.ActualType.ShouldStartWith("a JSON ");
    }

    [Fact]
    public void GetInt64_FractionalNumber_ThrowsWithValueInMessage()
    {
        var context = new PluginContext();
        context.Set("ratio", 0.25);

        var exception = Should.Throw<ContextValueTypeException>(() => context.GetInt64("ratio"));

        exception.ActualType.ShouldBe("a JSON number (0.25)");
    }

    [Fact]
    public void GetInt32_InRange_ReturnsInt()
    {
        var context = new PluginContext();
        context.Set("n", Json("-42"));

        context.GetInt32("n").ShouldBe(-42);
    }

    [Fact]
    public void GetInt32_OutOfRange_ThrowsWrongTypeNamingValue()
    {
        var context = new PluginContext();
        context.Set("n", 1L + int.MaxValue);

        var exception = Should.Throw<ContextValueTypeException>(() => context.GetInt32("n"));

        exception.ExpectedType.ShouldBe("an integer (Int32)");
        exception.ActualType.ShouldContain("2147483648");
    }

    [Fact]
    public void GetBool_BoolAndJsonBooleans_Converts()
    {
        var context = new PluginContext();
        context.Set("a", true);
        context.Set("b", Json("false"));
        context.Set("c", Json("true"));

        context.GetBool("a").ShouldBeTrue();
        context.GetBool("b").ShouldBeFalse();
        context.GetBool("c").ShouldBeTrue();
    }

    [Fact]
    public void GetBool_String_ThrowsWrongType()
    {
        var context = new PluginContext();
        context.Set("flag", "true");

        var exception = Should.Throw<ContextValueTypeException>(() => context.GetBool("flag"));

        exception.ExpectedType.ShouldBe("a bool");
        exception.ActualType.ShouldBe("a JSON string");
        exception.Message.ShouldBe(
            "Context key 'flag' holds a JSON string, which cannot be read as a bool. Read it with the accessor for a JSON string, or store a bool under this key.");
    }

    [Fact]
    public void GetMap_FromDictionaryAndJsonObject_ValuesAreJsonElements()
    {
        var context = new PluginContext();
        context.Set("d", new Dictionary<string, object?> { ["k"] = "v", ["n"] = 1 });
        context.Set("m", Json("""{"k":"v","n":{"x":1}}"""));

        var fromDictionary = context.GetMap("d");
        var map = context.GetMap("m");

        fromDictionary["k"].GetString().ShouldBe("v");
        fromDictionary["n"].GetInt32().ShouldBe(1);
        map.Keys.Order().ShouldBe(["k", "n"]);
        map["k"].GetString().ShouldBe("v");
        map["n"].GetProperty("x").GetInt32().ShouldBe(1);
    }

    [Fact]
    public void GetMap_JsonArray_ThrowsWrongType()
    {
        var context = new PluginContext();
        context.Set("m", Json("[1]"));

        Should.Throw<ContextValueTypeException>(() => context.GetMap("m")).ActualType.ShouldBe("a JSON array");
    }

    [Fact]
    public void GetList_FromArrayAndJsonArray_ReturnsItems()
    {
        var context = new PluginContext();
        context.Set("a", new[] { 1, 2 });
        context.Set("j", Json("""["x",2]"""));

        context.GetList("a").Select(item => item.GetInt64()).ShouldBe([1L, 2L]);
        var items = context.GetList("j");
        items.Length.ShouldBe(2);
        items[0].GetString().ShouldBe("x");
    }

    [Fact]
    public void GetList_Map_ThrowsWrongType()
    {
        var context = new PluginContext();
        context.Set("m", ImmutableDictionary<string, object?>.Empty);

        Should.Throw<ContextValueTypeException>(() => context.GetList("m")).ActualType.ShouldBe("a JSON object");
    }

    [Fact]
    public void TypedAccessors_MissingKey_ThrowKeyNotFoundNotWrongType()
    {
        var context = new PluginContext();

        Should.Throw<ContextKeyNotFoundException>(() => context.GetString("x")).Key.ShouldBe("x");
        Should.Throw<ContextKeyNotFoundException>(() => context.GetInt64("x"));
        Should.Throw<ContextKeyNotFoundException>(() => context.GetInt32("x"));
        Should.Throw<ContextKeyNotFoundException>(() => context.GetBool("x"));
        Should.Throw<ContextKeyNotFoundException>(() => context.GetMap("x"));
        Should.Throw<ContextKeyNotFoundException>(() => context.GetList("x"));
        Should.Throw<ContextKeyNotFoundException>(() => context.Get<int>("x"));
    }

    [Fact]
    public void GetTyped_ValueThatDoesNotFit_ThrowsWrongTypeWithTheCause()
    {
        var context = new PluginContext();
        context.Set("words", "many");

        var exception = Should.Throw<ContextValueTypeException>(() => context.Get<int>("words"));

        exception.Key.ShouldBe("words");
        exception.ExpectedType.ShouldBe("Int32");
        exception.InnerException.ShouldBeOfType<JsonException>();
    }
}
