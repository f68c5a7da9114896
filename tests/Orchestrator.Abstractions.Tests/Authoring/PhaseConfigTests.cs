using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Abstractions.Tests.Authoring;

/// <summary>Effective config with fallbacks: absent or null keys fall back, wrong values fail naming the key.</summary>
public sealed class PhaseConfigTests
{
    private static PhaseConfig Config(string json) =>
        new(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!.ToImmutableDictionary(StringComparer.Ordinal));

    [Fact]
    public void Reads_PresentAbsentAndNullKeys_ValuesOrFallbacks()
    {
        var config = Config("""{"genre": "mystery", "words": 3000, "temperature": 0.5, "tone": null}""");

        config.GetChoice("genre", "literary", ["literary", "mystery"]).ShouldBe("mystery");
        config.GetInt("words", 1000, 500, 20000).ShouldBe(3000);
        config.GetDouble("temperature", 0.7, 0, 2).ShouldBe(0.5);
        config.GetString("tone", "wry").ShouldBe("wry");
        config.GetString("absent", "fallback").ShouldBe("fallback");
    }

    [Theory]
    [InlineData("""{"genre": 3}""", "Config 'genre' must be a string; got 3. Fix the run config.")]
    [InlineData("""{"genre": "western"}""", "Config 'genre' is \"western\"; it must be one of literary, mystery. Fix the run config.")]
    public void GetChoice_WrongValue_ListsTheChoices(string json, string message)
    {
        Should.Throw<PhaseInputException>(() => Config(json).GetChoice("genre", "literary", ["literary", "mystery"])).Message.ShouldBe(message);
    }

    [Theory]
    [InlineData("""{"words": 100}""")]
    [InlineData("""{"words": "3000"}""")]
    [InlineData("""{"words": 30.5}""")]
    public void GetInt_OutOfRangeOrNotAnInteger_SaysTheRange(string json)
    {
        Should.Throw<PhaseInputException>(() => Config(json).GetInt("words", 1000, 500, 20000))
            .Message.ShouldStartWith("Config 'words' must be an integer from 500 to 20000; got ");
    }

    [Fact]
    public void GetDouble_OutOfRange_SaysTheRange()
    {
        Should.Throw<PhaseInputException>(() => Config("""{"temperature": 2.5}""").GetDouble("temperature", 0.7, 0, 2))
            .Message.ShouldBe("Config 'temperature' must be a number from 0 to 2; got 2.5. Fix the run config.");
    }
}
