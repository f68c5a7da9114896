using System.CommandLine;
using Orchestrator.Cli.Commands.Shared;
using Orchestrator.Cli.Invocation;
using Orchestrator.Cli.Output;
using Orchestrator.Contracts.Plugins;
using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Reload;

namespace Orchestrator.Cli.Commands.Plugins;

/// <summary>
/// <c>plugins reload [--all] [--json]</c>: re-discovers and loads every plugin (executables run <c>info</c> and
/// <c>validate</c>) and prints what changed since the previous reload. Exit 0 when every plugin found loaded,
/// 1 when any was invalid, rejected or failed to load (shadowed copies do not count).
/// </summary>
internal static class PluginsReloadCommand
{
    private static readonly PluginProblemKind[] Benign = [PluginProblemKind.Shadowed, PluginProblemKind.MissingSearchPath, PluginProblemKind.NoManifest];

    public static Command Create(CliContext context, Option<string[]> pluginPaths)
    {
        var all = CommonOptions.All();
        var json = CommonOptions.Json();
        var command = new Command("reload", "Re-discover and load the plugins; print what was added, updated and removed.") { all, json };
        command.SetCliAction(async (invocation, cancellationToken) =>
        {
            var output = invocation.Output;
            var error = invocation.Error;
            var (catalog, loggers) = await RuntimeCatalog.LoadAsync(context, invocation.Value(pluginPaths), error, cancellationToken);
            using (loggers)
            using (catalog)
            {
                var statePath = LoadedPluginsFile.PathFor(context);
                var loaded = catalog.List().Select(p => p.Identity).ToList();
                var changes = PluginReloadResult.Compare(LoadedPluginsFile.Read(statePath), loaded, catalog.Problems);
                LoadedPluginsFile.Write(statePath, loaded);
                var shown = changes.Problems.Where(p => invocation.Value(all) || !Benign.Contains(p.Kind)).ToList();
                if (invocation.Value(json))
                {
                    await CliJson.WriteAsync(output, ReloadResult.From(loaded, changes, shown));
                }
                else
                {
                    await WriteTextAsync(output, loaded.Count, changes, shown);
                }

                return changes.Problems.Any(p => !Benign.Contains(p.Kind)) ? OrchestratorCli.Failure : OrchestratorCli.Success;
            }
        });
        return command;
    }

    private static async Task WriteTextAsync(TextWriter output, int loaded, PluginReloadResult changes, List<PluginProblem> problems)
    {
        await output.WriteLineAsync(
            $"{loaded} plugin{(loaded == 1 ? string.Empty : "s")} loaded: {changes.Added.Length} added, {changes.Updated.Length} updated, {changes.Removed.Length} removed.");
        foreach (var added in changes.Added)
        {
            await output.WriteLineAsync($"  added    {added}");
        }

        foreach (var update in changes.Updated)
        {
            await output.WriteLineAsync($"  updated  {update.Old} -> {update.New.Version} ({update.New.ContentHash[..12]})");
        }

        foreach (var removed in changes.Removed)
        {
            await output.WriteLineAsync($"  removed  {removed}");
        }

        if (problems.Count > 0)
        {
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
}
