using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Abstractions.Context;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Abstractions.Tests.Context;

public sealed class PluginContextTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    /// <summary>A context over shared data as the engine builds it: an outline phase done, two metadata keys set.</summary>
    private static readonly SharedData Run = SharedData.Empty
        .WithPhaseOutput("outline", Json("""{"working_title":"Night Train","chapter_count":12}"""))
        .WithMetadata(ImmutableDictionary<string, JsonElement>.Empty.Add("language", Json("\"en\"")).Add("words", Json("900")));

    [Fact]
    public void Of_SharedData_ReadsEarlierOutputsAndMetadata()
    {
        var context = PluginContext.Of(Run);

        context.PhaseNames.ShouldBe(["outline"]);
        context.GetPhaseOutput("outline").GetProperty("chapter_count").GetInt32().ShouldBe(12);
        context.TryGetPhaseOutput("draft", out _).ShouldBeFalse();
        context.Keys().ShouldBe(["language", "words"]);
        context.GetString("language").ShouldBe("en");
        context.Changes.ShouldBeEmpty();
    }

    [Fact]
    public void Set_ThenGet_ReturnsValueAndRecordsTheChange()
    {
        var context = new PluginContext();

        context.Set("title", "Night Train");

        context.Get("title").GetString().ShouldBe("Night Train");
        context.TryGet("title", out var value).ShouldBeTrue();
        value.GetString().ShouldBe("Night Train");
        context.Count.ShouldBe(1);
        context.Changes.Keys.ShouldBe(["title"]);
    }

    [Fact]
    public void Set_OverEarlierMetadata_ReadsOwnChangeFirstAndLeavesTheSnapshot()
    {
        var context = PluginContext.Of(Run);

        context.Set("language", "fr");

        context.GetString("language").ShouldBe("fr");
        Run.Metadata["language"].GetString().ShouldBe("en");
        PluginContext.Of(Run).GetString("language").ShouldBe("en");
    }

    [Fact]
    public void Set_Null_RemovesTheKeyAsTheRunMetadataHoldsNoNulls()
    {
        var context = PluginContext.Of(Run);

        context.Set("words", null);

        context.TryGet("words", out _).ShouldBeFalse();
        context.Keys().ShouldBe(["language"]);
        context.Changes["words"].ValueKind.ShouldBe(JsonValueKind.Null);
        SharedData.Empty.WithMetadata(Run.Metadata).WithMetadata(context.Changes).Metadata.ContainsKey("words").ShouldBeFalse();
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
    public void GetPhaseOutput_Missing_ThrowsListingThePhasesWithOutput()
    {
        var exception = Should.Throw<ContextKeyNotFoundException>(() => PluginContext.Of(Run).GetPhaseOutput("analysis"));

        exception.Key.ShouldBe("analysis");
        exception.Message.ShouldContain("Phases with output: outline");
    }

    [Fact]
    public void Delete_ExistingAndMissing_ReportsWhetherRemoved()
    {
        var context = PluginContext.Of(Run);
        context.Set("a", 1);

        context.Delete("a").ShouldBeTrue();
        context.Delete("a").ShouldBeFalse();
        context.Delete("words").ShouldBeTrue();
        context.Delete("words").ShouldBeFalse();
        context.TryGet("a", out _).ShouldBeFalse();
        context.Keys().ShouldBe(["language"]);
    }

    [Fact]
    public void Clear_RemovesEveryMetadataKeyButKeepsPhaseOutputs()
    {
        var context = PluginContext.Of(Run);
        context.Set("b", 2);

        context.Clear();

        context.Keys().ShouldBeEmpty();
        context.Count.ShouldBe(0);
        context.PhaseNames.ShouldBe(["outline"]);
        SharedData.Empty.WithMetadata(Run.Metadata).WithMetadata(context.Changes).Metadata.ShouldBeEmpty();
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

    [Fact]
    public void Set_Record_StoredAsSnakeCaseJson()
    {
        var context = new PluginContext();

        context.Set("style", new { WorkingTitle = "x", ChapterCount = 3 });

        context.Get("style").GetProperty("working_title").GetString().ShouldBe("x");
        context.Get<Dictionary<string, JsonElement>>("style")["chapter_count"].GetInt32().ShouldBe(3);
    }

    [Fact]
    public void Set_JsonElementOfDisposedDocument_KeepsIndependentCopy()
    {
        var context = new PluginContext();
        using (var document = JsonDocument.Parse("""{"a":[1,2]}"""))
        {
            context.Set("json", document.RootElement);
        }

        context.Get("json").GetProperty("a").GetArrayLength().ShouldBe(2);
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
        map["tags"].GetArrayLength().ShouldBe(1);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Set_NonFiniteDouble_ThrowsNamingTheKey(double value)
    {
        var context = new PluginContext();

        var exception = Should.Throw<ArgumentException>(() => context.Set("x", value));

        exception.Message.ShouldContain("'x'");
        exception.Message.ShouldContain("does not serialize");
        context.TryGet("x", out _).ShouldBeFalse();
    }

    [Fact]
    public void Set_SelfContainingList_ThrowsInsteadOfOverflowing()
    {
        var context = new PluginContext();
        var list = new List<object?>();
        list.Add(list);

        Should.Throw<ArgumentException>(() => context.Set("loop", list)).Message.ShouldContain("'loop'");
        context.Changes.ShouldBeEmpty();
    }

    [Fact]
    public void Set_TooDeep_ThrowsBeforeTheEngineWouldFail()
    {
        var context = new PluginContext();
        var deep = Json(new string('[', 63) + new string(']', 63));

        Should.Throw<ArgumentException>(() => context.Set("deep", deep)).Message.ShouldContain("'deep' nests deeper than 62");
        context.Changes.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Set_EmptyOrNullKey_Throws(string? key)
    {
        var context = new PluginContext();

        Should.Throw<ArgumentException>(() => context.Set(key!, 1));
    }

    [Fact]
    public void ApplyTo_AddsChangesOverTheResultsOwnMetadata()
    {
        var context = PluginContext.Of(Run);
        context.Set("a", 1);
        context.Delete("words");
        var result = PhaseResult.FromOutput("out") with
        {
            Metadata = ImmutableDictionary<string, JsonElement>.Empty.Add("a", Json("0")).Add("b", Json("2")),
        };

        var applied = context.ApplyTo(result);

        applied.Metadata["a"].GetInt32().ShouldBe(1);
        applied.Metadata["b"].GetInt32().ShouldBe(2);
        applied.Metadata["words"].ValueKind.ShouldBe(JsonValueKind.Null);
        applied.Output.GetString().ShouldBe("out");
        context.ApplyTo(result with { Metadata = null! }).Metadata.Keys.Order().ShouldBe(["a", "words"]);
        new PluginContext().ApplyTo(result).ShouldBeSameAs(result);
    }

    [Fact]
    public void PhaseRequest_WithoutContext_HasAnEmptyOneAndCopiesShareIt()
    {
        var request = new PhaseRequest { RunId = "r", Plugin = "p", PluginVersion = "1.0.0", Phase = "a", WorkingDirectory = "/tmp" };
        var copy = request with { Prompt = "brief" };

        copy.Context.Set("k", 1);

        request.Context.Changes.Keys.ShouldBe(["k"]);
        (request with { Context = null! }).Context.Changes.ShouldBeEmpty();
    }
}
