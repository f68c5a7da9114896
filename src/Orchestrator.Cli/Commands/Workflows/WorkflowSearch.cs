using Microsoft.Extensions.Options;
using Orchestrator.Engine;
using Orchestrator.Engine.Workflows;

namespace Orchestrator.Cli.Commands.Workflows;

/// <summary>The engine's own workflow discovery, over the command's surroundings: the same search paths, precedence and shadowing as <c>run</c>.</summary>
internal static class WorkflowSearch
{
    public static WorkflowCatalog Catalog(CliContext context, IEnumerable<string> workflowPaths) =>
        new(Options.Create(EngineOptionsOf(context, workflowPaths)));

    /// <summary>The engine options a command's engine parts read: its environment, directory and workflow paths.</summary>
    public static EngineOptions EngineOptionsOf(CliContext context, IEnumerable<string> workflowPaths)
    {
        var environment = context.Discovery.Environment;
        if (!environment.ContainsKey("HOME") && context.Discovery.HomeDirectory.Length > 0)
        {
            environment = environment.SetItem("HOME", context.Discovery.HomeDirectory);
        }

        var options = new EngineOptions { Environment = environment, CurrentDirectory = context.Discovery.CurrentDirectory };
        foreach (var path in workflowPaths)
        {
            options.WorkflowPaths.Add(path);
        }

        return options;
    }
}
