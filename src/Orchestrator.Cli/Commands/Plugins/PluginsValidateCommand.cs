using System.CommandLine;
using Orchestrator.Cli.Commands.Shared;
using Orchestrator.Cli.Invocation;
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
        var json = CommonOptions.Json();
        var command = new Command("validate", "Validate plugin manifests and print every problem found.") { paths, json };
        command.SetCliAction(async (invocation, cancellationToken) =>
        {
            var targets = invocation.Required(paths);
            ValidationReport.RequireExisting(targets, "a plugin directory or a manifest file");
            var results = targets.Select(p => Validate(p, cancellationToken)).ToList();
            return await ValidationReport.WriteAsync(invocation.Output, invocation.Value(json), results);
        });
        return command;
    }

    private static Validation Validate(string path, CancellationToken cancellationToken)
    {
        var result = ManifestReader.Read(path, cancellationToken);
        return new Validation(path, result.IsValid, result.Manifest?.Name, result.Manifest?.Version.ToString(), result.Problems);
    }
}
