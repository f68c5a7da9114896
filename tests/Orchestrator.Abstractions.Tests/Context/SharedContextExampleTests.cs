using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Abstractions.Context;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Abstractions.Tests.Context;

/// <summary>The plugin-author example of docs/shared-context.md, compiled and run here; the page must show exactly this code.</summary>
public sealed class SharedContextExampleTests
{
    // docs-example:begin
    public sealed record Outline(string WorkingTitle, int ChapterCount);

    public sealed record Draft(string Title, int Chapters, string Language);

    public sealed class DraftPhase : IPhase
    {
        public string Name => "draft";

        public Task<PhaseResult> ExecuteAsync(PhaseRequest request, CancellationToken cancellationToken)
        {
            var helper = new PhaseContextHelper(request);

            // Raw JSON, when the phase may run without an outline:
            var chapters = helper.TryGetPreviousPhaseOutput("outline", out var raw)
                ? raw.GetProperty("chapter_count").GetInt32()
                : 1;

            // Typed (snake_case JSON -> record), when the outline is required:
            var outline = helper.GetPreviousPhaseOutput<Outline>("outline");

            // Metadata written by earlier phases, with a default:
            var language = request.Context.TryGet("language", out var lang) ? lang.GetString()! : "en";

            // Metadata for the phases that follow, merged into the run when this attempt succeeds:
            request.Context.Set("draft_words", 1200 * chapters);
            helper.RecordMetric("chapters", chapters);

            return Task.FromResult(helper.ToResult(new Draft(outline.WorkingTitle, chapters, language), ["draft.md"]));
        }
    }
    // docs-example:end

    [Fact]
    public void DocsPage_ShowsTheCodeThisTestRuns()
    {
        var shown = DocPages.CodeBlockAfter("shared-context.md", "<!-- shared-context-example -->");
        var code = string.Join('\n', shown.Split('\n').Where(l => !l.StartsWith("using ", StringComparison.Ordinal)));

        DocPages.Normalize(code).ShouldBe(DocPages.Normalize(DocPages.SourceRegion("tests/Orchestrator.Abstractions.Tests/Context/SharedContextExampleTests.cs")));
    }

    [Fact]
    public async Task DraftPhase_ReadsOutlineAndWritesMetadata()
    {
        var request = new PhaseRequest
        {
            RunId = "run-1",
            Plugin = "fiction",
            PluginVersion = "1.0.0",
            Phase = "draft",
            WorkingDirectory = Path.GetTempPath(),
            Context = new PluginContext(ImmutableDictionary<string, JsonElement>.Empty.Add(
                "outline", JsonSerializer.SerializeToElement(new Outline("Night Train", 3), OrchestratorJson.Options))),
        };

        var result = await new DraftPhase().ExecuteAsync(request, TestContext.Current.CancellationToken);
        var shared = SharedData.Empty.WithPhaseOutput("outline", request.Context.GetPhaseOutput("outline")).WithPhaseResult("draft", result);

        shared.PhaseOutputs["draft"].GetProperty("title").GetString().ShouldBe("Night Train");
        shared.PhaseOutputs["draft"].GetProperty("language").GetString().ShouldBe("en");
        shared.Metadata["draft_words"].GetInt32().ShouldBe(3600);
        shared.Metadata["draft.metrics"].GetProperty("chapters").GetDouble().ShouldBe(3);
        result.Artifacts.ShouldBe(["draft.md"]);
    }
}
