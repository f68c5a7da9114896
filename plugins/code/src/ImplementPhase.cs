using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Code;

/// <summary>Writes the build files and source files of the approved design.</summary>
internal sealed class ImplementPhase : PhaseBase
{
    public override string Name => "implement";

    protected override async Task<PhaseResult> RunAsync(PhaseScope scope, CancellationToken cancellationToken)
    {
        var analysis = scope.Context.GetPreviousPhaseOutput<AnalysisOutput>("analyze");
        var design = scope.Context.GetPreviousPhaseOutput<DesignOutput>("design");
        var template = LanguageTemplate.For(design.Language);
        var files = new List<string>();
        foreach (var (path, content) in template.Sources(design.Package, analysis.Features, design.TestFramework))
        {
            if (!design.Files.Any(f => f.Path == path))
            {
                throw new PhaseInputException($"Source file '{path}' is not in the approved design; re-run the design phase for this request.");
            }

            files.Add(await scope.Workspace.WriteAsync(path, content, cancellationToken));
        }

        scope.Context.RecordMetric("source_files", files.Count);
        return scope.Context.ToResult(new GeneratedFiles(files, Brief: scope.Brief), files);
    }
}
