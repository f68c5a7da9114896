using Orchestrator.Cli.Output;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Cli.Commands.Plugins.Json;

internal sealed record ManifestProblemJson(string Severity, string File, int? Line, string Field, string Message)
{
    public static ManifestProblemJson From(ManifestProblem problem) =>
        new(CliJson.Name(problem.Severity), problem.File, problem.Line, problem.FieldPath, problem.Message);
}
