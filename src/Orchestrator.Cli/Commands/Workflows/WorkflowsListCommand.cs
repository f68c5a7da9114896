using System.CommandLine;
using Orchestrator.Cli.Commands.Shared;
using Orchestrator.Cli.Invocation;
using Orchestrator.Cli.Output;
using Orchestrator.Contracts;
using Orchestrator.Contracts.Workflows;
using Orchestrator.Documents.Problems;
using Orchestrator.Engine.Workflows;

namespace Orchestrator.Cli.Commands.Workflows;

/// <summary><c>workflows list [--workflows DIR…] [--all] [--json]</c>: the workflows <c>run</c> would find, sorted by name.</summary>
internal static class WorkflowsListCommand
{
    public static Command Create(CliContext context)
    {
        var workflows = CommonOptions.Workflows();
        var all = CommonOptions.All();
        var json = CommonOptions.Json();
        var command = new Command("list", "List the workflows found in the search paths, sorted by name.") { workflows, all, json };
        command.SetCliAction(async (invocation, cancellationToken) =>
        {
            var catalog = WorkflowSearch.Catalog(context, invocation.Value(workflows) ?? []);
            var found = catalog.Discover(cancellationToken);
            var showAll = invocation.Value(all);
            var list = WorkflowList.From(found, showAll, Audience.Local);
            if (invocation.Value(json))
            {
                await CliJson.WriteAsync(invocation.Output, list);
                return OrchestratorCli.Success;
            }

            await WriteTableAsync(invocation.Output, catalog, list.Workflows, showAll ? found.Problems : [], showAll);
            return OrchestratorCli.Success;
        });
        return command;
    }

    private static async Task WriteTableAsync(TextWriter output, WorkflowCatalog catalog, IReadOnlyList<WorkflowSummary> rows, IReadOnlyList<DocumentProblem> problems, bool showAll)
    {
        if (rows.Count == 0 && problems.Count == 0)
        {
            await output.WriteLineAsync("No workflows found. Searched, highest precedence first (add one with --workflows DIR):");
            foreach (var searchPath in catalog.SearchPaths())
            {
                await output.WriteLineAsync($"  {searchPath}");
            }

            return;
        }

        string[] headers = showAll ? ["NAME", "VERSION", "PLUGINS", "STATUS", "PATH"] : ["NAME", "VERSION", "PLUGINS", "PATH"];
        var table = new TextTable(headers);
        foreach (var row in rows)
        {
            string[] cells = [row.Name, row.Version ?? "-", string.Join(",", row.Plugins)];
            table.AddRow(showAll ? [.. cells, row.Status, row.Path!] : [.. cells, row.Path!]);
        }

        // A file that defines no usable workflow has a row of its own, so every file found is accounted for.
        foreach (var file in problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.File).Distinct(StringComparer.Ordinal))
        {
            table.AddRow("-", "-", "-", "invalid", file);
        }

        await table.WriteAsync(output);
        if (problems.Count > 0)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync("Problems:");
            foreach (var problem in problems)
            {
                await output.WriteLineAsync($"  {problem}");
            }
        }
    }
}
