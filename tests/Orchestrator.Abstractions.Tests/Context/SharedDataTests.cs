using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Abstractions.Context;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Abstractions.Tests.Context;

public sealed class SharedDataTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static SharedData Sample() => SharedData.Empty
        .WithPhaseOutput("outline", Json("""{"chapters":12}"""))
        .WithPhaseOutput("draft", Json("\"text\""))
        .WithMetadata(new Dictionary<string, JsonElement> { ["language"] = Json("\"en\""), ["words"] = Json("1200") })
        .WithError(new PhaseError("draft", "timed out", 1, Start.AddSeconds(30), Required: true))
        .WithPhaseMetrics(new PhaseMetrics("outline", Start, Start.AddSeconds(1.5), 1))
        .WithPhaseMetrics(new PhaseMetrics("draft", Start.AddSeconds(2), Start.AddSeconds(62), 2));

    [Fact]
    public void ToJson_Sample_HasDocumentedSnakeCaseShape()
    {
        var json = JsonDocument.Parse(Sample().ToJson()).RootElement;

        json.EnumerateObject().Select(p => p.Name).ShouldBe(["schema_version", "phase_outputs", "metadata", "errors", "metrics"]);
        json.GetProperty("schema_version").GetInt32().ShouldBe(1);
        json.GetProperty("phase_outputs").EnumerateObject().Select(p => p.Name).ShouldBe(["draft", "outline"]);
        json.GetProperty("phase_outputs").GetProperty("outline").GetProperty("chapters").GetInt32().ShouldBe(12);
        json.GetProperty("metadata").GetProperty("language").GetString().ShouldBe("en");
        var error = json.GetProperty("errors")[0];
        error.EnumerateObject().Select(p => p.Name).ShouldBe(["phase", "message", "attempt", "occurred_at", "required"]);
        error.GetProperty("required").GetBoolean().ShouldBeTrue();
        var metrics = json.GetProperty("metrics");
        metrics.EnumerateObject().Select(p => p.Name).ShouldBe(["phases", "total_attempts", "total_duration_ms", "started_at", "ended_at"]);
        var outline = metrics.GetProperty("phases").GetProperty("outline");
        outline.EnumerateObject().Select(p => p.Name).ShouldBe(["phase", "started_at", "ended_at", "attempts", "duration_ms"]);
        outline.GetProperty("duration_ms").GetDouble().ShouldBe(1500);
        metrics.GetProperty("total_attempts").GetInt32().ShouldBe(3);
        metrics.GetProperty("total_duration_ms").GetDouble().ShouldBe(61_500);
        metrics.GetProperty("started_at").GetDateTimeOffset().ShouldBe(Start);
        metrics.GetProperty("ended_at").GetDateTimeOffset().ShouldBe(Start.AddSeconds(62));
    }

    [Fact]
    public void FromJson_ToJson_RoundTripsExactly()
    {
        var json = Sample().ToJson();

        var restored = SharedData.FromJson(json);

        restored.ToJson().ShouldBe(json);
        restored.Errors.Single().ShouldBe(Sample().Errors.Single());
        restored.Metrics.Phases["draft"].ShouldBe(Sample().Metrics.Phases["draft"]);
        restored.Metrics.Phases["draft"].Duration.ShouldBe(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void Equals_SameContentBuiltTwice_IsEqual()
    {
        Sample().ShouldBe(Sample());
        SharedData.FromJson(Sample().ToJson()).ShouldBe(Sample());
        Sample().GetHashCode().ShouldBe(SharedData.FromJson(Sample().ToJson()).GetHashCode());
    }

    [Fact]
    public void Equals_DifferentOutputOrMetrics_IsNotEqual()
    {
        Sample().WithPhaseOutput("outline", Json("""{"chapters":13}""")).ShouldNotBe(Sample());
        Sample().WithPhaseMetrics(new PhaseMetrics("outline", Start, Start.AddSeconds(2), 1)).ShouldNotBe(Sample());
        Sample().WithError(new PhaseError("a", "b", 1, Start, false)).ShouldNotBe(Sample());
        Sample().WithMetadata(new Dictionary<string, JsonElement> { ["language"] = Json("\"fr\"") }).ShouldNotBe(Sample());
    }

    [Fact]
    public void JsonSerializer_DefaultOptions_UsesSameShape()
    {
        var data = Sample();

        var json = JsonSerializer.Serialize(data);

        json.ShouldBe(data.ToJson());
        JsonSerializer.Deserialize<SharedData>(json).ShouldBe(data);
    }

    [Fact]
    public void Empty_ToJson_IsMinimalAndRoundTrips()
    {
        var json = SharedData.Empty.ToJson();

        json.ShouldBe("""{"schema_version":1,"phase_outputs":{},"metadata":{},"errors":[],"metrics":{"phases":{},"total_attempts":0,"total_duration_ms":0}}""");
        SharedData.FromJson(json).ToJson().ShouldBe(json);
        SharedData.FromJson("{}").ToJson().ShouldBe(json);
        JsonSerializer.Serialize(SharedData.Empty).ShouldBe(json);
    }

    [Fact]
    public void With_Methods_LeaveOriginalUnchanged()
    {
        var original = SharedData.Empty;

        var changed = original.WithPhaseOutput("a", Json("1"));

        original.PhaseOutputs.ShouldBeEmpty();
        changed.PhaseOutputs["a"].GetInt32().ShouldBe(1);
    }

    [Fact]
    public void WithMetadata_NullValue_RemovesKey()
    {
        var data = Sample();

        var changed = data.WithMetadata(new Dictionary<string, JsonElement> { ["language"] = Json("null"), ["style"] = Json("\"noir\"") });

        changed.Metadata.Keys.Order().ShouldBe(["style", "words"]);
    }

    [Fact]
    public void WithPhaseResult_MergesOutputAndMetadata()
    {
        var result = PhaseResult.FromOutput(new { Title = "x" }) with
        {
            Metadata = ImmutableDictionary<string, JsonElement>.Empty.Add("words", Json("null")).Add("title", Json("\"x\"")),
        };

        var data = Sample().WithPhaseResult("title", result);

        data.PhaseOutputs["title"].GetProperty("title").GetString().ShouldBe("x");
        data.Metadata.ContainsKey("words").ShouldBeFalse();
        data.Metadata["title"].GetString().ShouldBe("x");
    }

    [Fact]
    public void WithPhaseOutput_UndefinedOutput_StoredAsJsonNull()
    {
        var data = SharedData.Empty.WithPhaseOutput("a", default);

        data.PhaseOutputs["a"].ValueKind.ShouldBe(JsonValueKind.Null);
        data.ToJson().ShouldContain("\"phase_outputs\":{\"a\":null}");
    }

    private static JsonElement NestedArrays(int depth) =>
        JsonDocument.Parse(new string('[', depth) + new string(']', depth), new JsonDocumentOptions { MaxDepth = depth + 1 }).RootElement.Clone();

    [Fact]
    public void WithPhaseOutput_DeepestAllowedOutput_RoundTrips()
    {
        var data = SharedData.Empty
            .WithPhaseOutput("deep", NestedArrays(SharedData.MaxValueDepth))
            .WithMetadata(new Dictionary<string, JsonElement> { ["deep"] = NestedArrays(SharedData.MaxValueDepth) });

        SharedData.FromJson(data.ToJson()).ShouldBe(data);
    }

    [Fact]
    public void WithPhaseOutputOrMetadata_TooDeep_Throws()
    {
        Should.Throw<ArgumentException>(() => SharedData.Empty.WithPhaseOutput("deep", NestedArrays(SharedData.MaxValueDepth + 1)))
            .Message.ShouldContain("The output of phase 'deep' nests");
        Should.Throw<ArgumentException>(() => SharedData.Empty.WithMetadata(
            new Dictionary<string, JsonElement> { ["deep"] = NestedArrays(SharedData.MaxValueDepth + 1) }))
            .Message.ShouldContain("Metadata value 'deep' nests");
    }

    [Fact]
    public void WithPhaseMetrics_SamePhase_Replaces()
    {
        var data = Sample().WithPhaseMetrics(new PhaseMetrics("outline", Start, Start.AddSeconds(3), 2));

        data.Metrics.Phases["outline"].Attempts.ShouldBe(2);
        data.Metrics.TotalAttempts.ShouldBe(4);
    }

    [Fact]
    public void WithPhaseMetrics_EndBeforeStart_Throws()
    {
        Should.Throw<ArgumentException>(() => SharedData.Empty.WithPhaseMetrics(new PhaseMetrics("a", Start, Start.AddSeconds(-1), 1)))
            .Message.ShouldContain("before it starts");
        Should.Throw<ArgumentException>(() => SharedData.Empty.WithPhaseMetrics(new PhaseMetrics("a", Start, Start, 0)))
            .Message.ShouldContain("at least 1");
    }

    [Fact]
    public void WithError_BadAttempt_Throws()
    {
        Should.Throw<ArgumentException>(() => SharedData.Empty.WithError(new PhaseError("a", "m", 0, Start, false)))
            .Message.ShouldContain("attempts start at 1");
    }

    [Fact]
    public void WithError_Appends()
    {
        var data = Sample().WithError(new PhaseError("draft", "again", 2, Start, true));

        data.Errors.Select(e => e.Attempt).ShouldBe([1, 2]);
    }

    [Theory]
    [InlineData("""{"schema_version":2}""", "schema_version 2 is not supported")]
    [InlineData("""{"errors":[{"phase":"a","message":"m","attempt":0,"occurred_at":"2026-01-01T00:00:00Z","required":true}]}""", "errors[0] is invalid")]
    [InlineData("""{"metadata":{"k":null}}""", "metadata['k'] is null")]
    [InlineData("""{"metrics":{"phases":{"a":{"phase":"b","started_at":"2026-01-01T00:00:00Z","ended_at":"2026-01-01T00:00:01Z","attempts":1}}}}""", "metrics.phases['a'] is invalid")]
    [InlineData("""{"phase_outputs":[]}""", "Expected an object")]
    [InlineData("null", "cannot be the JSON literal null")]
    public void FromJson_BadDocument_ThrowsJsonExceptionSayingWhatIsWrong(string json, string expected)
    {
        Should.Throw<JsonException>(() => SharedData.FromJson(json)).Message.ShouldContain(expected);
    }
}
