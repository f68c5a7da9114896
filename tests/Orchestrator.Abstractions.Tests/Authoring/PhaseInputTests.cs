using System.Text.Json;
using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Abstractions.Tests.Authoring;

/// <summary>Run input read field by field: every bad field fails with a message naming it and what to write.</summary>
public sealed class PhaseInputTests
{
    private static PhaseInput Input(string json) => new(JsonDocument.Parse(json).RootElement.Clone());

    [Fact]
    public void Reads_WellFormedInput_TrimmedValues()
    {
        var input = Input("""{"title": "  Night Train ", "chapters": 3, "features": [" parse ", "convert"], "genre": null}""");

        input.RequireString("title", 40, "{}").ShouldBe("Night Train");
        input.OptionalInt("chapters", 1, 12).ShouldBe(3);
        input.RequireStrings("features", 5, "{}").ShouldBe(["parse", "convert"]);
        input.OptionalString("genre", 40).ShouldBeNull();
        input.OptionalString("missing", 40).ShouldBeNull();
    }

    [Theory]
    [InlineData("""{"title": ""}""", "The run input needs a non-empty string field \"title\", for example {\"title\": \"x\"}.")]
    [InlineData("""{"title": 7}""", "Input field \"title\" must be a string; got number 7.")]
    [InlineData("""{"title": "abcdef"}""", "Input field \"title\" is 6 characters long; keep it to 5.")]
    [InlineData("""[1, 2]""", "The run input must be a JSON object; got array.")]
    public void RequireString_BadField_SaysWhatToFix(string json, string message)
    {
        Should.Throw<PhaseInputException>(() => Input(json).RequireString("title", 5, """{"title": "x"}""")).Message.ShouldBe(message);
    }

    [Fact]
    public void RequireString_NoInputAtAll_SaysTheInputIsMissing()
    {
        Should.Throw<PhaseInputException>(() => new PhaseInput(default).RequireString("title", 5, "{}"))
            .Message.ShouldBe("The run input must be a JSON object; got no input.");
    }

    [Theory]
    [InlineData("""{"chapters": 13}""")]
    [InlineData("""{"chapters": 1.5}""")]
    [InlineData("""{"chapters": "3"}""")]
    public void OptionalInt_OutOfRangeOrNotAnInteger_SaysTheRange(string json)
    {
        Should.Throw<PhaseInputException>(() => Input(json).OptionalInt("chapters", 1, 12))
            .Message.ShouldStartWith("Input field \"chapters\" must be an integer from 1 to 12; got ");
    }

    [Theory]
    [InlineData("""{"features": []}""", "The run input needs a non-empty array of strings \"features\", for example [\"a\"].")]
    [InlineData("""{"features": ["a", "b", "c"]}""", "Input field \"features\" has 3 items; at most 2 are allowed.")]
    [InlineData("""{"features": ["a", " "]}""", "Input field \"features[1]\" must be a non-empty string; got \" \".")]
    public void RequireStrings_BadList_NamesTheItem(string json, string message)
    {
        Should.Throw<PhaseInputException>(() => Input(json).RequireStrings("features", 2, """["a"]""")).Message.ShouldBe(message);
    }
}
