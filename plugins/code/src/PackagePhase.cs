using System.Text;
using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Code;

/// <summary>Writes <c>change.patch</c>, a unified diff adding every generated file, and <c>summary.md</c>.</summary>
internal sealed class PackagePhase : PhaseBase
{
    public const string Patch = "change.patch";

    public override string Name => "package";

    protected override async Task<PhaseResult> RunAsync(PhaseScope scope, CancellationToken cancellationToken)
    {
        var analysis = scope.Context.GetPreviousPhaseOutput<AnalysisOutput>("analyze");
        var design = scope.Context.GetPreviousPhaseOutput<DesignOutput>("design");
        var implemented = scope.Context.GetPreviousPhaseOutput<GeneratedFiles>("implement");
        var tests = scope.Context.GetPreviousPhaseOutput<GeneratedFiles>("tests");
        var docs = scope.Context.GetPreviousPhaseOutput<GeneratedFiles>("api_docs");
        var lint = scope.Context.TryGetPreviousPhaseOutput("lint", out _) ? scope.Context.GetPreviousPhaseOutput<LintOutput>("lint") : null;
        var files = new[] { design.File }.Concat(implemented.Files).Concat(tests.Files).Concat(docs.Files).Distinct().Order(StringComparer.Ordinal).ToList();

        var patch = new StringBuilder();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!scope.Workspace.Exists(file))
            {
                throw new PhaseInputException($"Generated file '{file}' is missing from the working directory '{scope.Workspace.Root}'; re-run the phase that wrote it.");
            }

            var lines = (await scope.Workspace.ReadAsync(file, cancellationToken)).ReplaceLineEndings("\n").Split('\n');
            var count = lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
            patch.Append($"diff --git a/{file} b/{file}\nnew file mode 100644\n--- /dev/null\n+++ b/{file}\n@@ -0,0 +1,{count} @@\n");
            foreach (var line in lines.Take(count))
            {
                patch.Append('+').Append(line).Append('\n');
            }

            if (lines[^1].Length != 0)
            {
                patch.Append("\\ No newline at end of file\n");
            }
        }

        var patchFile = await scope.Workspace.WriteAsync(Patch, patch.ToString(), cancellationToken);
        var summary = await scope.Workspace.WriteAsync("summary.md", $"""
            # Summary: {analysis.Project}

            Adds a {design.Language} project with {design.Modules.Count} module(s) ({string.Join(", ", design.Modules.Select(m => $"`{m.Name}`"))}),
            {tests.Tests} {design.TestFramework} tests, API docs and a README: {files.Count} files in `{Patch}`.

            ## How it was tested

            Run `{design.TestCommand}`: every public member has a test, and every module a failure case.

            ## Lint

            {(lint is null ? "The optional lint phase did not run." : $"{lint.Findings.Count} finding(s) in {lint.FilesChecked} files; see lint-report.md.")}

            ## Instructions followed

            {string.Join("\n\n", new[] { implemented.Brief, tests.Brief }.OfType<string>().Select(b => string.Join('\n', b.Split('\n').Select(l => ("> " + l).TrimEnd()))))}

            """, cancellationToken);
        return scope.Context.ToResult(new PackageOutput(patchFile, files, summary), [patchFile, summary]);
    }
}
