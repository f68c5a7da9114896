using System.CommandLine;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Invocation;

namespace Orchestrator.Cli.Commands.Shared;

/// <summary><c>--workflows</c>, <c>--data-dir</c> and <c>--verbose</c>: what <c>run</c>, <c>worker</c> and <c>serve</c> read for their engine.</summary>
internal sealed class EngineCommandOptions
{
    public Option<string[]> Workflows { get; } = CommonOptions.Workflows();

    public Option<string?> DataDir { get; } = CommonOptions.DataDir();

    public Option<bool> Verbose { get; } = CommonOptions.Verbose();

    public void AddTo(Command command)
    {
        command.Options.Add(Workflows);
        command.Options.Add(DataDir);
        command.Options.Add(Verbose);
    }

    public EngineSettings Read(CliInvocation invocation, Option<string[]> pluginPaths) =>
        new(invocation.Value(pluginPaths) ?? [], invocation.Value(Workflows) ?? [], invocation.Value(DataDir), invocation.Value(Verbose));
}
