using System.Text;
using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Docs;

/// <summary>Writes one reference page per planned source file: every public symbol with its signature and documentation.</summary>
internal sealed class ReferencePhase : PhaseBase
{
    public override string Name => "reference";

    protected override async Task<PhaseResult> RunAsync(PhaseScope scope, CancellationToken cancellationToken)
    {
        var config = DocsConfig.Read(scope);
        var collected = scope.Context.GetPreviousPhaseOutput<CollectOutput>("collect");
        var outline = scope.Context.GetPreviousPhaseOutput<DocsOutline>("outline");
        var written = new List<string>();
        foreach (var page in outline.Pages.Where(p => p.Kind == "reference"))
        {
            var source = collected.Files.Single(f => f.Path == page.Sources[0]);
            var text = new StringBuilder($"# {page.Title}\n\n{scope.BriefBlock}Source: `{source.Path}` ({source.Language}, {source.Lines} lines). {source.Summary}\n");
            foreach (var symbol in source.Symbols)
            {
                text.Append($"\n## `{symbol.Name}` ({symbol.Kind})\n\n```{source.Language}\n{symbol.Signature}\n```\n\n");
                if (config.Audience == "beginner")
                {
                    text.Append(DocsPages.KindExplanation(symbol.Kind)).Append(' ');
                }

                text.Append(symbol.Doc ?? "_Undocumented._").Append(config.Audience == "expert" ? $" (line {symbol.Line})\n" : "\n");
            }

            written.Add(await scope.Workspace.WriteAsync(page.File, text.Append(DocsPages.Footer(page)).ToString(), cancellationToken));
        }

        return scope.Context.ToResult(new WrittenPages(written), written);
    }
}
