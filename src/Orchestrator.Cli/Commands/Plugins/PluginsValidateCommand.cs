using System.CommandLine;
using Orchestrator.Cli.Output;
using Orchestrator.Contracts.Problems;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Cli.Commands.Plugins;

/// <summary>
/// <c>plugins validate PATH…</c>: validates plugin directories or manifest files and prints every problem as
/// <c>file:line: error: field: message</c>. Exit 0 when all are valid, 1 when any is invalid, 2 when a path does not exist.
/// </summary>
internal static class PluginsValidateCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Plugin directories or manifest files (plugin.yaml, plugin.yml, plugin.json).",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = PluginsCommand.CreateJsonOption();
        var command = new Command("validate", "Validate plugin manifests and print every problem found.") { paths, json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var targets = parseResult.GetRequiredValue(paths);
            var missing = targets.Where(p => !Directory.Exists(p) && !File.Exists(p)).ToList();
            if (missing.Count > 0)
            {
                foreach (var path in missing)
                {
                    await error.WriteLineAsync($"error: {path}: no such file or directory; give a plugin directory or a manifest file.");
                }

                return OrchestratorCli.UsageError;
            }

            var results = targets.Select(p => (Path: p, Result: ManifestReader.Read(p, cancellationToken))).ToList();
            var invalid = results.Count(r => !r.Result.IsValid);
            if (parseResult.GetValue(json))
            {
                await CliJson.WriteAsync(output, ValidationReport.From([.. results.Select(r => ValidationResult.From(r.Path, r.Result))]));
            }
            else
            {
                foreach (var (path, result) in results)
                {
                    foreach (var problem in result.Problems)
                    {
                        await output.WriteLineAsync(problem.ToString());
                    }

                    var errors = result.Errors.Count();
                    await output.WriteLineAsync(result.IsValid
                        ? $"valid: {path} ({result.Manifest!.Name} {result.Manifest.Version})"
                        : $"invalid: {path} ({errors} error{(errors == 1 ? string.Empty : "s")})");
                }

                await output.WriteLineAsync($"{results.Count - invalid} valid, {invalid} invalid");
            }

            return invalid == 0 ? OrchestratorCli.Success : OrchestratorCli.Failure;
        });
        return command;
    }
}
