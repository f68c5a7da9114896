using System.Collections.Immutable;
using System.CommandLine;
using Orchestrator.Cli.Commands.Shared;
using Orchestrator.Cli.Invocation;
using Orchestrator.Cli.Output;
using Orchestrator.Contracts;
using Orchestrator.Contracts.Plugins;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Cli.Commands.Plugins;

/// <summary><c>plugins list [--domain D] [--type T] [--all] [--json]</c>.</summary>
internal static class PluginsListCommand
{
    public static Command Create(CliContext context, Option<string[]> pluginPaths)
    {
        var domain = new Option<string>("--domain") { Description = "Only plugins serving this domain.", HelpName = "D" };
        var type = new Option<string>("--type") { Description = "Only plugins of this type.", HelpName = "builtin|external" };
        type.AcceptOnlyFromAmong("builtin", "external");
        var all = CommonOptions.All();
        var json = CommonOptions.Json();
        var command = new Command("list", "List the plugins found in the search paths, sorted by name.") { domain, type, all, json };
        command.SetCliAction(async (invocation, cancellationToken) =>
        {
            var catalog = PluginCatalog.Load(context, invocation.Value(pluginPaths), cancellationToken);
            var filter = new Filter(invocation.Value(domain), invocation.Value(type));
            var showAll = invocation.Value(all);
            var loaded = catalog.Registry.List.Where(p => filter.Matches(p.Manifest)).ToList();
            var problems = showAll
                ? catalog.Registry.Problems.Where(p => p.Manifest is { } m ? filter.Matches(m) : filter.IsEmpty).ToList()
                : [];
            var output = invocation.Output;
            if (invocation.Value(json))
            {
                await CliJson.WriteAsync(output, PluginList.From(
                    loaded.Select(p => PluginSummary.From(p.Manifest, PluginFacts.Loaded, null, Audience.Local)), problems, Audience.Local));
                return OrchestratorCli.Success;
            }

            await WriteTableAsync(output, catalog, loaded, problems, showAll);
            return OrchestratorCli.Success;
        });
        return command;
    }

    private static async Task WriteTableAsync(TextWriter output, PluginCatalog catalog, List<DiscoveredPlugin> loaded, List<PluginProblem> problems, bool showAll)
    {
        string[] headers = showAll
            ? ["NAME", "VERSION", "TYPE", "DOMAINS", "PHASES", "STATUS", "PATH"]
            : ["NAME", "VERSION", "TYPE", "DOMAINS", "PHASES", "PATH"];
        var table = new TextTable(headers);
        foreach (var plugin in loaded)
        {
            table.AddRow(Cells(plugin.Manifest, plugin.Manifest.Directory, showAll ? "loaded" : null));
        }

        foreach (var problem in problems)
        {
            table.AddRow(problem.Manifest is { } manifest
                ? Cells(manifest, problem.Path, CliJson.Name(problem.Kind))
                : ["-", "-", "-", "-", "-", CliJson.Name(problem.Kind), problem.Path]);
        }

        if (table.RowCount == 0)
        {
            await output.WriteLineAsync("No plugins found. Searched, highest precedence first (add one with --plugins DIR):");
            foreach (var searchPath in catalog.Discovery.SearchPaths)
            {
                await output.WriteLineAsync($"  {searchPath}");
            }

            return;
        }

        await table.WriteAsync(output);
        if (problems.Count > 0)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync("Not loaded:");
            foreach (var problem in problems)
            {
                await output.WriteLineAsync($"  {problem.Path}: {CliJson.Name(problem.Kind)}: {problem.Message}");
                foreach (var detail in problem.ManifestProblems)
                {
                    await output.WriteLineAsync($"    {detail}");
                }
            }
        }
    }

    private static string[] Cells(PluginManifest manifest, string path, string? status)
    {
        string[] cells = [manifest.Name, manifest.Version.ToString(), CliJson.Name(manifest.Type), string.Join(",", manifest.Domains), manifest.Phases.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        return status is null ? [.. cells, path] : [.. cells, status, path];
    }

    private sealed record Filter(string? Domain, string? Type)
    {
        public bool IsEmpty => Domain is null && Type is null;

        public bool Matches(PluginManifest manifest) =>
            (Domain is null || manifest.Domains.Contains(Domain, StringComparer.Ordinal))
            && (Type is null || CliJson.Name(manifest.Type) == Type);
    }
}
