using Orchestrator.Cli.Output;
using Orchestrator.Documents.Problems;

namespace Orchestrator.Cli.Commands.Plugins.Json;

internal sealed record ManifestProblemJson(string Severity, string File, int? Line, string Field, string Message)
{
    public static ManifestProblemJson From(DocumentProblem problem) =>
        new(CliJson.Name(problem.Severity), problem.File, problem.Line, problem.FieldPath, problem.Message);
}
