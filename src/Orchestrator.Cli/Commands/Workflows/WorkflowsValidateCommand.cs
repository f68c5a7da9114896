using System.CommandLine;
using Orchestrator.Cli.Commands.Shared;
using Orchestrator.Cli.Invocation;
using Orchestrator.Documents.Problems;
using Orchestrator.Engine.Workflows;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Cli.Commands.Workflows;

/// <summary>
/// <c>workflows validate PATH…</c>: validates workflow files, or every workflow file of a directory, and prints every
/// problem as <c>file:line: error: field: message</c>. Exit 0 when all are valid, 1 when any is invalid, 2 when a path does not exist.
/// </summary>
internal static class WorkflowsValidateCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Workflow files (.yaml, .yml, .json), or directories of them.",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = CommonOptions.Json();
        var command = new Command("validate", "Validate workflow files and print every problem found.") { paths, json };
        command.SetCliAction(async (invocation, cancellationToken) =>
        {
            var targets = invocation.Required(paths);
            ValidationReport.RequireExisting(targets, "a workflow file or a directory of workflow files");
            var results = targets.SelectMany(p => Validate(p, cancellationToken)).ToList();
            return await ValidationReport.WriteAsync(invocation.Output, invocation.Value(json), results);
        });
        return command;
    }

    private static IEnumerable<Validation> Validate(string path, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(path))
        {
            return [Read(path, cancellationToken)];
        }

        var files = Directory.EnumerateFiles(path).Where(WorkflowReader.IsWorkflowFile).Order(StringComparer.Ordinal).ToList();
        return files.Count > 0
            ? files.Select(f => Read(f, cancellationToken))
            : [new Validation(path, false, null, null, [new DocumentProblem(ProblemSeverity.Error, path, string.Empty, null, "holds no workflow files; a workflow is a <name>.yaml, <name>.yml or <name>.json file")])];
    }

    private static Validation Read(string file, CancellationToken cancellationToken)
    {
        var result = WorkflowReader.Read(file, cancellationToken);
        return new Validation(file, result.IsValid, result.Workflow?.Name, result.Workflow?.Version, result.Problems);
    }
}
