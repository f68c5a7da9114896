using System.Text;
using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Fiction;

/// <summary>Assembles <c>manuscript.md</c>: front matter, contents and the revised chapters.</summary>
internal sealed class CompilePhase : PhaseBase
{
    public const string Manuscript = "manuscript.md";

    public override string Name => "compile";

    protected override async Task<PhaseResult> RunAsync(PhaseScope scope, CancellationToken cancellationToken)
    {
        var premise = scope.Context.GetPreviousPhaseOutput<PremiseOutput>("premise");
        var cast = scope.Context.GetPreviousPhaseOutput<CastOutput>("characters");
        var revised = scope.Context.GetPreviousPhaseOutput<ManuscriptDraft>("revise");
        var chapters = await FictionFiles.ReadChaptersAsync(scope.Workspace, revised, cancellationToken);
        var words = chapters.Sum(c => c.Words);

        var text = new StringBuilder($"""
            # {premise.Title}

            *A {premise.Genre} story in {chapters.Count} chapters, {words} words.*

            > {premise.Logline}

            Featuring {string.Join(", ", cast.Characters.Select(c => $"{c.Name} ({c.Role})"))}.

            ## Contents


            """);
        foreach (var chapter in chapters)
        {
            text.Append($"- [Chapter {chapter.Number}: {chapter.Title}](#chapter-{chapter.Number}-{Naming.Slug(chapter.Title)})\n");
        }

        foreach (var chapter in chapters)
        {
            text.Append('\n').Append(chapter.Render().Replace("\n## Scene ", "\n### Scene ", StringComparison.Ordinal).Replace("# Chapter", "## Chapter", StringComparison.Ordinal));
        }

        var file = await scope.Workspace.WriteAsync(Manuscript, text.ToString(), cancellationToken);
        scope.Context.SetMetadata("fiction.words", words);
        return scope.Context.ToResult(new CompileOutput(file, premise.Title, words, chapters.Count), [file]);
    }
}
