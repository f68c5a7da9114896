using System.Collections.Immutable;
using Orchestrator.Cli.Output;
using Orchestrator.Plugins.Discovery;

namespace Orchestrator.Cli.Commands.Plugins.Json;

internal sealed record ProblemJson(
    string Kind,
    string? Plugin,
    string? Version,
    string Path,
    string Message,
    ImmutableArray<ManifestProblemJson> ManifestProblems)
{
    public static ProblemJson From(PluginProblem problem) => new(
        CliJson.Name(problem.Kind),
        problem.PluginName,
        problem.Manifest?.Version.ToString(),
        problem.Path,
        problem.Message,
        [.. problem.ManifestProblems.Select(ManifestProblemJson.From)]);
}
