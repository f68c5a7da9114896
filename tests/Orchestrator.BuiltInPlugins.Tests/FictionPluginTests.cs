using System.Text.Json;
using Orchestrator.Abstractions.Context;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.BuiltInPlugins.Tests;

public sealed class FictionPluginTests : IDisposable
{
    private static readonly object Input = new { premise = "A lighthouse keeper finds a map that redraws itself every night", chapters = 3 };

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task RunAsync_AllPhases_WritesManuscriptAndEveryNamedArtifact()
    {
        var run = new BuiltInRun("fiction", _temp.Path);

        await run.RunAsync(Input);

        foreach (var file in new[] { "manuscript.md", "outline.md", "characters.md", "world.md", "critique.md", "notes/premise.md", "notes/revision.md" })
        {
            File.Exists(Path.Combine(_temp.Path, file)).ShouldBeTrue(file);
        }

        Directory.GetFiles(Path.Combine(_temp.Path, "chapters"), "*.md").Length.ShouldBe(3);
        var compiled = run.Results["compile"].Output;
        compiled.GetProperty("manuscript").GetString().ShouldBe("manuscript.md");
        compiled.GetProperty("title").GetString().ShouldBe("The Lighthouse and the Keeper");
        var words = compiled.GetProperty("words").GetInt32();
        words.ShouldBeInRange(2700, 3300, "target_words 3000 by default; the revision keeps the story within ten percent");
        run.Shared.Metadata["fiction.words"].GetInt32().ShouldBe(words);
        run.Read("manuscript.md").ShouldStartWith("# The Lighthouse and the Keeper");
    }

    [Fact]
    public async Task RunAsync_LaterPhases_UseTheCastWorldAndOutlineOfEarlierOnes()
    {
        var run = new BuiltInRun("fiction", _temp.Path);

        await run.RunAsync(Input);

        var cast = run.Shared.PhaseOutputs["characters"].GetProperty("characters").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
        var place = run.Shared.PhaseOutputs["worldbuilding"].GetProperty("place").GetString()!;
        var chapterTitles = run.Shared.PhaseOutputs["outline"].GetProperty("chapters").EnumerateArray().Select(c => c.GetProperty("title").GetString()!).ToList();
        var manuscript = run.Read("manuscript.md");
        cast.Count.ShouldBeInRange(3, 5);
        foreach (var name in cast)
        {
            manuscript.ShouldContain(name);
        }

        manuscript.ShouldContain(place);
        chapterTitles.ForEach(title => manuscript.ShouldContain($"## Chapter {chapterTitles.IndexOf(title) + 1}: {title}"));
        run.Read("outline.md").ShouldContain(cast[0]);
        run.Shared.Metadata["fiction.protagonist"].GetString().ShouldBe(cast[0]);
        run.Read("notes/revision.md").ShouldContain("issue(s)");
    }

    [Fact]
    public async Task RunAsync_SameInputTwice_WritesIdenticalFiles()
    {
        using var other = new TempDirectory();

        await new BuiltInRun("fiction", _temp.Path).RunAsync(Input);
        await new BuiltInRun("fiction", other.Path).RunAsync(Input);

        BuiltInRun.Snapshot(other.Path).ShouldBe(BuiltInRun.Snapshot(_temp.Path));
    }

    [Fact]
    public async Task RunAsync_UnderACommaDecimalCulture_WritesTheSameFiles()
    {
        using var other = new TempDirectory();
        await new BuiltInRun("fiction", _temp.Path).RunAsync(Input);
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            await new BuiltInRun("fiction", other.Path).RunAsync(Input);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }

        BuiltInRun.Snapshot(other.Path).ShouldBe(BuiltInRun.Snapshot(_temp.Path));
        File.ReadAllText(Path.Combine(other.Path, "notes/draft.md")).ShouldContain("temperature 0.9");
    }

    [Fact]
    public async Task RunAsync_DifferentPremise_DerivesDifferentCastAndStory()
    {
        using var other = new TempDirectory();
        var first = new BuiltInRun("fiction", _temp.Path);
        var second = new BuiltInRun("fiction", other.Path);

        await first.RunAsync(Input);
        await second.RunAsync(new { premise = "Two rival bakers discover the town clock runs on stolen hours", chapters = 2 });

        second.Read("characters.md").ShouldNotBe(first.Read("characters.md"));
        Directory.GetFiles(Path.Combine(other.Path, "chapters")).Length.ShouldBe(2);
    }

    [Fact]
    public async Task RunAsync_ConfigAndInputGenre_ShapeWorldAndLength()
    {
        var run = new BuiltInRun("fiction", _temp.Path).WithConfig("target_words", 1200).WithConfig("tone", "bleak");

        await run.RunAsync(new { premise = "A night nurse hears her dead brother on the ward intercom", genre = "horror" });

        run.Results["premise"].Output.GetProperty("genre").GetString().ShouldBe("horror");
        run.Results["premise"].Output.GetProperty("chapters").GetInt32().ShouldBe(1);
        run.Read("notes/premise.md").ShouldContain("horror, bleak");
        run.Results["compile"].Output.GetProperty("words").GetInt32().ShouldBeInRange(1080, 1320);
    }

    [Fact]
    public async Task RunAsync_Prompt_IsRecordedWithConfigFilledIn()
    {
        var run = new BuiltInRun("fiction", _temp.Path);
        run.Prompts["characters"] = "Give every character a ZEBRA-striped secret suited to {{config.genre}} fiction.\n\nPremise:\n{{phase_outputs.premise}}\n";

        await run.RunAsync(Input, stopAfter: "characters");

        var characters = run.Read("characters.md");
        characters.ShouldContain("> Give every character a ZEBRA-striped secret suited to literary fiction.");
        characters.ShouldNotContain("{{");
        characters.ShouldNotContain("Premise:");
        run.Read("world.md").ShouldContain("> Describe the setting of the story");
    }

    [Fact]
    public async Task RunAsync_WithoutOptionalCritique_RevisesAndCompiles()
    {
        var run = new BuiltInRun("fiction", _temp.Path);
        run.Skip.Add("critique");

        await run.RunAsync(Input);

        File.Exists(Path.Combine(_temp.Path, "critique.md")).ShouldBeFalse();
        run.Read("notes/revision.md").ShouldContain("none (the critique phase did not run)");
        File.Exists(Path.Combine(_temp.Path, "manuscript.md")).ShouldBeTrue();
    }

    [Fact]
    public async Task Critique_DraftWithRepeatedSentence_ReportsItAndReviseRemovesIt()
    {
        var run = new BuiltInRun("fiction", _temp.Path);
        await run.RunAsync(Input, stopAfter: "draft");
        var file = run.Results["draft"].Output.GetProperty("chapters")[0].GetProperty("file").GetString()!;
        var path = Path.Combine(_temp.Path, file);
        var lines = File.ReadAllLines(path).ToList();
        var repeated = "The keeper counted the steps twice.";
        lines.Insert(4, repeated + " " + repeated);
        File.WriteAllLines(path, lines);

        var critique = await run.RunPhaseAsync("critique", Input);
        critique.Output.GetProperty("issues").EnumerateArray()
            .ShouldContain(i => i.GetProperty("kind").GetString() == "repetition" && i.GetProperty("detail").GetString()!.Contains(repeated));

        var revise = await run.RunPhaseAsync("revise", Input);
        var revised = File.ReadAllText(path);
        (revised.Split(repeated).Length - 1).ShouldBe(1);
        revise.Output.GetProperty("changes").EnumerateArray().ShouldContain(c => c.GetString()!.Contains("repeated sentence"));
    }

    [Fact]
    public async Task Premise_MissingPremise_FailsWithMessageNamingTheField()
    {
        var run = new BuiltInRun("fiction", _temp.Path);

        var error = await Should.ThrowAsync<PhaseInputException>(() => run.RunPhaseAsync("premise", new { genre = "horror" }));

        error.Message.ShouldContain("\"premise\"");
    }

    [Theory]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("{\"premise\": 42}", "\"premise\" must be a string")]
    [InlineData("{\"premise\": \"A map\", \"chapters\": 40}", "\"chapters\" must be an integer from 1 to 12")]
    [InlineData("{\"premise\": \"A map\", \"genre\": \"western\"}", "\"genre\" is \"western\"")]
    [InlineData("{\"premise\": \"the and of\"}", "no content words")]
    public async Task Premise_BadInput_FailsWithMessageSayingWhatToFix(string input, string expected)
    {
        var run = new BuiltInRun("fiction", _temp.Path);

        var error = await Should.ThrowAsync<PhaseInputException>(() => run.RunPhaseAsync("premise", JsonDocument.Parse(input).RootElement));

        error.Message.ShouldContain(expected);
    }

    [Fact]
    public async Task Premise_TargetWordsOutOfRange_FailsNamingTheConfigKey()
    {
        var run = new BuiltInRun("fiction", _temp.Path).WithConfig("target_words", 10);

        var error = await Should.ThrowAsync<PhaseInputException>(() => run.RunPhaseAsync("premise", Input));

        error.Message.ShouldContain("Config 'target_words' must be an integer from 500 to 20000; got 10");
    }

    [Fact]
    public async Task Draft_WithoutOutline_FailsNamingTheMissingPhase()
    {
        var run = new BuiltInRun("fiction", _temp.Path);
        await run.RunAsync(Input, stopAfter: "premise");

        var error = await Should.ThrowAsync<ContextKeyNotFoundException>(() => run.RunPhaseAsync("draft", Input));

        error.Message.ShouldContain("'worldbuilding'");
    }

    [Fact]
    public async Task ExecuteAsync_CancelledToken_ThrowsOperationCanceled()
    {
        var run = new BuiltInRun("fiction", _temp.Path);
        var phase = BuiltInRun.Provider("fiction").CreatePhases()[0];
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() =>
            phase.ExecuteAsync(run.Request(run.Manifest.Phases[0], JsonSerializer.SerializeToElement(Input), SharedData.Empty), cancelled.Token));
    }
}
