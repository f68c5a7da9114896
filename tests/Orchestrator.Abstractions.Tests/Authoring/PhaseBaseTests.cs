using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Abstractions.Tests.Authoring;

/// <summary>A phase written on <see cref="PhaseBase"/>: the request is checked and the scope carries the rendered brief.</summary>
public sealed class PhaseBaseTests : IDisposable
{
    private const string Prompt = "Write a {{config.genre}} story.\n\nPremise:\n{{input}}\n\nKeep it {{config.tone}}, about {{config.target_words}} words.";

    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private PhaseRequest Request(string? prompt, string? workingDirectory = null) => new()
    {
        RunId = "run-1",
        Plugin = "demo",
        PluginVersion = "1.0.0",
        Phase = "brief",
        Input = JsonDocument.Parse("""{"premise": "A map redraws itself"}""").RootElement.Clone(),
        Config = ImmutableDictionary<string, JsonElement>.Empty
            .Add("genre", JsonSerializer.SerializeToElement("mystery"))
            .Add("target_words", JsonSerializer.SerializeToElement(3000)),
        Prompt = prompt,
        WorkingDirectory = workingDirectory ?? _root.Path,
    };

    [Fact]
    public async Task ExecuteAsync_PromptWithPlaceholders_BriefHasConfigFilledInAndDataLinesDropped()
    {
        var result = await new BriefPhase().ExecuteAsync(Request(Prompt), TestContext.Current.CancellationToken);

        var output = result.Output;
        output.GetProperty("brief").GetString().ShouldBe("Write a mystery story.\n\nKeep it (no tone set), about 3000 words.");
        output.GetProperty("with_tone").GetString().ShouldBe("Write a mystery story.\n\nKeep it wry, about 3000 words.");
        output.GetProperty("block").GetString().ShouldBe("> Write a mystery story.\n>\n> Keep it (no tone set), about 3000 words.\n\n");
        output.GetProperty("premise").GetString().ShouldBe("A map redraws itself");
        result.Artifacts.ShouldBe(["brief.md"]);
    }

    [Fact]
    public async Task ExecuteAsync_NoPrompt_NoBriefAndAnEmptyBlock()
    {
        var result = await new BriefPhase().ExecuteAsync(Request(prompt: null), TestContext.Current.CancellationToken);

        result.Output.TryGetProperty("brief", out _).ShouldBeFalse();
        result.Output.GetProperty("block").GetString().ShouldBe(string.Empty);
    }

    [Fact]
    public async Task ExecuteAsync_NoWorkingDirectory_FailsAsBadInput()
    {
        var error = await Should.ThrowAsync<PhaseInputException>(() => new BriefPhase().ExecuteAsync(Request(Prompt, workingDirectory: " "), TestContext.Current.CancellationToken));

        error.Message.ShouldBe("Phase 'brief' needs a working directory to write its artifacts; the request has none.");
    }

    [Fact]
    public async Task ExecuteAsync_CancelledToken_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => new BriefPhase().ExecuteAsync(Request(Prompt), cancelled.Token));
    }

    private sealed class BriefPhase : PhaseBase
    {
        public override string Name => "brief";

        protected override async Task<PhaseResult> RunAsync(PhaseScope scope, CancellationToken cancellationToken)
        {
            var premise = scope.Input.RequireString("premise", 100, "{\"premise\": \"...\"}");
            var file = await scope.Workspace.WriteAsync("brief.md", scope.BriefBlock + premise + "\n", cancellationToken);
            return scope.Context.ToResult(
                new { Brief = scope.Brief, WithTone = scope.BriefWith("tone", "wry"), Block = scope.BriefBlock, Premise = premise }, [file]);
        }
    }
}
