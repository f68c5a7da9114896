using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Abstractions.Context;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Abstractions.Tests.Context;

public sealed class PhaseContextHelperTests
{
    private sealed record Outline(string WorkingTitle, int ChapterCount);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static PhaseRequest Request(
        ImmutableDictionary<string, JsonElement>? outputs = null, ImmutableDictionary<string, JsonElement>? metadata = null) => new()
    {
        RunId = "run-1",
        Plugin = "fiction",
        PluginVersion = "1.0.0",
        Phase = "draft",
        Attempt = 2,
        WorkingDirectory = Path.GetTempPath(),
        Context = new PluginContext(outputs, metadata),
    };

    private static readonly ImmutableDictionary<string, JsonElement> OutlineMetadata =
        ImmutableDictionary<string, JsonElement>.Empty.Add("language", Json("\"en\"")).Add("words", Json("900"));

    private static PhaseContextHelper WithOutline() => new(Request(
        ImmutableDictionary<string, JsonElement>.Empty.Add("outline", Json("""{"working_title":"Night Train","chapter_count":12}""")),
        OutlineMetadata));

    [Fact]
    public void GetPreviousPhaseOutput_Raw_ReturnsJson()
    {
        var helper = WithOutline();

        helper.GetPreviousPhaseOutput("outline").GetProperty("chapter_count").GetInt32().ShouldBe(12);
        helper.TryGetPreviousPhaseOutput("outline", out var output).ShouldBeTrue();
        output.ValueKind.ShouldBe(JsonValueKind.Object);
        helper.PreviousPhases.ShouldBe(["outline"]);
    }

    [Fact]
    public void GetPreviousPhaseOutput_Typed_DeserializesSnakeCase()
    {
        var outline = WithOutline().GetPreviousPhaseOutput<Outline>("outline");

        outline.ShouldBe(new Outline("Night Train", 12));
    }

    [Fact]
    public void GetPreviousPhaseOutput_Missing_ThrowsListingAvailablePhases()
    {
        var exception = Should.Throw<ContextKeyNotFoundException>(() => WithOutline().GetPreviousPhaseOutput("analysis"));

        exception.Key.ShouldBe("analysis");
        exception.Message.ShouldContain("Phases with output: outline");
    }

    [Fact]
    public void GetPreviousPhaseOutput_TypedMismatch_ThrowsWrongType()
    {
        var exception = Should.Throw<ContextValueTypeException>(() => WithOutline().GetPreviousPhaseOutput<int[]>("outline"));

        exception.Key.ShouldBe("outline");
        exception.ExpectedType.ShouldBe("Int32[]");
        exception.InnerException.ShouldBeOfType<JsonException>();
    }

    [Fact]
    public void GetPreviousPhaseOutput_TypedNull_ThrowsWrongType()
    {
        var helper = new PhaseContextHelper(Request(ImmutableDictionary<string, JsonElement>.Empty.Add("a", Json("null"))));

        Should.Throw<ContextValueTypeException>(() => helper.GetPreviousPhaseOutput<Outline>("a")).ActualType.ShouldBe("JSON null");
    }

    [Fact]
    public void EmptyRequest_EveryLookupFindsNothingWithoutNullReferences()
    {
        var helper = new PhaseContextHelper(Request() with { Context = null! });

        helper.TryGetPreviousPhaseOutput("outline", out _).ShouldBeFalse();
        helper.TryGetMetadata("language", out _).ShouldBeFalse();
        helper.PreviousPhases.ShouldBeEmpty();
        helper.MetadataChanges.ShouldBeEmpty();
        Should.Throw<ContextKeyNotFoundException>(() => helper.GetPreviousPhaseOutput("outline")).Message.ShouldContain("Phases with output: none");
        Should.Throw<ContextKeyNotFoundException>(() => helper.GetMetadata("language"));
        helper.ToResult("done").Metadata.ShouldBeEmpty();
    }

    [Fact]
    public void GetMetadata_RawAndTyped_ReadsRunMetadata()
    {
        var helper = WithOutline();

        helper.GetMetadata("language").GetString().ShouldBe("en");
        helper.GetMetadata<int>("words").ShouldBe(900);
        Should.Throw<ContextValueTypeException>(() => helper.GetMetadata<int>("language")).Key.ShouldBe("language");
    }

    [Fact]
    public void SetMetadata_ReadsOwnChangesAndReturnsThemInResult()
    {
        var helper = WithOutline();

        helper.SetMetadata("language", "fr");
        helper.SetMetadata("style", new { Tone = "dark" });
        helper.RemoveMetadata("words");

        helper.GetMetadata<string>("language").ShouldBe("fr");
        helper.GetMetadata("style").GetProperty("tone").GetString().ShouldBe("dark");
        helper.TryGetMetadata("words", out _).ShouldBeFalse();

        var result = helper.ToResult(new Outline("x", 1), ["draft.md"]);
        result.Output.GetProperty("working_title").GetString().ShouldBe("x");
        result.Artifacts.ShouldBe(["draft.md"]);
        result.Metadata.Keys.Order().ShouldBe(["language", "style", "words"]);
        result.Metadata["words"].ValueKind.ShouldBe(JsonValueKind.Null);

        var merged = SharedData.Empty.WithMetadata(OutlineMetadata).WithPhaseResult("draft", result);
        merged.Metadata["language"].GetString().ShouldBe("fr");
        merged.Metadata.ContainsKey("words").ShouldBeFalse();
    }

    [Fact]
    public void SetMetadata_ThroughHelperOrContext_OneChangeSetOnTheRequest()
    {
        var request = Request();
        var helper = new PhaseContextHelper(request);

        helper.SetMetadata("a", 1);
        request.Context.Set("b", "two");

        helper.Context.ShouldBeSameAs(request.Context);
        helper.GetMetadata<string>("b").ShouldBe("two");
        request.Context.GetInt32("a").ShouldBe(1);
        new PhaseContextHelper(request).MetadataChanges.Keys.Order().ShouldBe(["a", "b"]);
    }

    [Fact]
    public void ApplyTo_MergesChangesOverResultMetadata()
    {
        var helper = WithOutline();
        helper.SetMetadata("a", 1);
        var result = PhaseResult.FromOutput("out") with
        {
            Metadata = ImmutableDictionary<string, JsonElement>.Empty.Add("a", Json("0")).Add("b", Json("2")),
        };

        var applied = helper.ApplyTo(result);

        applied.Metadata["a"].GetInt32().ShouldBe(1);
        applied.Metadata["b"].GetInt32().ShouldBe(2);
        applied.Output.GetString().ShouldBe("out");
    }

    [Fact]
    public void RecordErrorAndMetric_StoredUnderPhaseKeys()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.Zero));
        var helper = new PhaseContextHelper(Request(), time);

        helper.RecordError("chapter 3 too short");
        helper.RecordError("chapter 4 too short");
        helper.RecordMetric("words", 1200);
        helper.RecordMetric("words", 1300);
        helper.RecordMetric("chapters", 12);

        var changes = helper.ToResult<object?>(null).Metadata;
        var errors = changes[PhaseContextHelper.ErrorsKey("draft")];
        errors.GetArrayLength().ShouldBe(2);
        errors[0].GetProperty("message").GetString().ShouldBe("chapter 3 too short");
        errors[0].GetProperty("attempt").GetInt32().ShouldBe(2);
        errors[0].GetProperty("occurred_at").GetDateTimeOffset().ShouldBe(time.GetUtcNow());
        var metrics = changes[PhaseContextHelper.MetricsKey("draft")];
        metrics.GetProperty("words").GetDouble().ShouldBe(1300);
        metrics.GetProperty("chapters").GetDouble().ShouldBe(12);
    }

    [Fact]
    public void SetMetadata_TooDeep_ThrowsBeforeTheEngineWouldFail()
    {
        var helper = new PhaseContextHelper(Request());
        var deep = JsonDocument.Parse(new string('[', 63) + new string(']', 63)).RootElement.Clone();

        Should.Throw<ArgumentException>(() => helper.SetMetadata("deep", deep)).Message.ShouldContain("'deep' nests deeper than 62");
        helper.MetadataChanges.ShouldBeEmpty();
    }

    [Fact]
    public void RecordMetric_NonFinite_Throws()
    {
        var helper = new PhaseContextHelper(Request());

        Should.Throw<ArgumentOutOfRangeException>(() => helper.RecordMetric("x", double.NaN)).Message.ShouldContain("finite");
    }
}
