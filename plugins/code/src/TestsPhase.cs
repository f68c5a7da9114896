using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Code;

/// <summary>Writes tests for every public member of the implemented modules, with a failure case each.</summary>
internal sealed class TestsPhase : PhaseBase
{
    private const int TestsPerModule = 3;

    public override string Name => "tests";

    protected override async Task<PhaseResult> RunAsync(PhaseScope scope, CancellationToken cancellationToken)
    {
        var analysis = scope.Context.GetPreviousPhaseOutput<AnalysisOutput>("analyze");
        var design = scope.Context.GetPreviousPhaseOutput<DesignOutput>("design");
        var implemented = scope.Context.GetPreviousPhaseOutput<GeneratedFiles>("implement");
        var missing = design.Modules.Where(m => !implemented.Files.Contains(m.File)).Select(m => m.File).ToList();
        if (missing.Count > 0)
        {
            throw new PhaseInputException($"The implementation has no file for module(s) {string.Join(", ", missing)}; re-run the implement phase.");
        }

        var files = new List<string>();
        foreach (var (path, content) in LanguageTemplate.For(design.Language).Tests(design.Package, analysis.Features, design.TestFramework))
        {
            files.Add(await scope.Workspace.WriteAsync(path, content, cancellationToken));
        }

        var count = design.Modules.Count * TestsPerModule;
        scope.Context.RecordMetric("tests", count);
        return scope.Context.ToResult(new GeneratedFiles(files, count, scope.BriefWith("test_framework", design.TestFramework)), files);
    }
}
