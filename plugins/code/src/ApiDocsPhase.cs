using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Code;

/// <summary>Writes <c>docs/api.md</c> (one section per module with an example) and the project's <c>README.md</c>.</summary>
internal sealed class ApiDocsPhase : PhaseBase
{
    public override string Name => "api_docs";

    protected override async Task<PhaseResult> RunAsync(PhaseScope scope, CancellationToken cancellationToken)
    {
        var analysis = scope.Context.GetPreviousPhaseOutput<AnalysisOutput>("analyze");
        var design = scope.Context.GetPreviousPhaseOutput<DesignOutput>("design");
        var implemented = scope.Context.GetPreviousPhaseOutput<GeneratedFiles>("implement");
        var sections = design.Modules.Select(module =>
        {
            var feature = analysis.Features.Single(f => f.Name == module.Feature);
            return $"""
                ## `{module.Name}`

                {feature.Summary} Source: [{module.File}](../{module.File}).

                {string.Join('\n', module.PublicMembers.Select(m => $"- `{m}`"))}

                Example: applying it to `x` gives `{feature.Identifier}(x)`; an empty value is refused with an error.

                """;
        });
        var api = await scope.Workspace.WriteAsync("docs/api.md", $"""
            # {analysis.Project} API

            {scope.BriefBlock}{string.Join('\n', sections)}
            """, cancellationToken);
        var readme = await scope.Workspace.WriteAsync("README.md", $"""
            # {analysis.Project}

            {(analysis.Request.Length == 0 ? $"A {design.Language} project." : analysis.Request)}

            ## Features

            {string.Join('\n', analysis.Features.Select(f => $"- **{f.Name}** — `{design.Modules.Single(m => m.Feature == f.Name).Name}`"))}

            ## Layout

            {string.Join('\n', implemented.Files.Select(f => $"- `{f}`"))}

            ## Run

            ```sh
            {design.RunCommand}
            ```

            ## Test

            ```sh
            {design.TestCommand}
            ```

            The API is described in [docs/api.md](docs/api.md).

            """, cancellationToken);
        return scope.Context.ToResult(new GeneratedFiles([api, readme], Brief: scope.Brief), [api, readme]);
    }
}
