using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Code;

/// <summary>Plans modules, their public members and every file, within <c>max_files</c>; writes <c>design.md</c>.</summary>
internal sealed class DesignPhase : PhaseBase
{
    public override string Name => "design";

    protected override async Task<PhaseResult> RunAsync(PhaseScope scope, CancellationToken cancellationToken)
    {
        var config = CodeConfig.Read(scope);
        var analysis = scope.Context.GetPreviousPhaseOutput<AnalysisOutput>("analyze");
        var template = LanguageTemplate.For(analysis.Language);
        var framework = config.TestFramework ?? template.TestFrameworks[0];
        if (!template.TestFrameworks.Contains(framework))
        {
            throw new PhaseInputException(
                $"Config 'test_framework' is \"{framework}\", which does not fit {analysis.Language}; use one of {string.Join(", ", template.TestFrameworks)} or leave it unset.");
        }

        var package = template.PackageName(analysis.Project);
        var sources = template.Sources(package, analysis.Features, framework);
        var tests = template.Tests(package, analysis.Features, framework);
        var modules = analysis.Features.Select(f => new ModuleDesign(
            f.Name, template.ModuleName(f), template.ModuleFile(package, f), template.PublicMembers(f))).ToList();
        List<PlannedFile> files =
        [
            .. sources.Select(s => new PlannedFile(s.Path, "source", modules.FirstOrDefault(m => m.File == s.Path)?.Feature ?? "project and entry point")),
            .. tests.Select(t => new PlannedFile(t.Path, "test", $"{framework} tests")),
            new("docs/api.md", "doc", "API reference"),
            new("README.md", "doc", "what the project is and how to build, run and test it"),
        ];
        if (files.Count > config.MaxFiles)
        {
            throw new PhaseInputException(
                $"The design needs {files.Count} files for {analysis.Features.Count} feature(s) but config 'max_files' is {config.MaxFiles}; raise max_files or request fewer features.");
        }

        var file = await scope.Workspace.WriteAsync("design.md", $"""
            # Design: {analysis.Project}

            {scope.BriefBlock}Language: {analysis.Language}, package `{package}`, tests with {framework}.

            ## Modules

            {string.Join('\n', modules.Select(m => $"- `{m.Name}` ({m.File}) — {m.Feature}: {string.Join(", ", m.PublicMembers.Select(p => $"`{p}`"))}"))}

            ## Data flow

            The entry point reads one value from the command line and passes it to every module's apply; each module
            refuses an empty value with an error instead of returning a result.

            ## Files ({files.Count} of at most {config.MaxFiles})

            {string.Join('\n', files.Select(f => $"- `{f.Path}` ({f.Kind}): {f.Purpose}"))}

            ## Open questions

            {(analysis.Questions.Count == 0 ? "None." : string.Join('\n', analysis.Questions.Select(q => "- " + q)))}

            """, cancellationToken);
        var output = new DesignOutput(analysis.Language, package, framework, modules, files, template.TestCommand(package, framework), template.RunCommand(package), file);
        return scope.Context.ToResult(output, [file]);
    }
}
