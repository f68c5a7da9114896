using System.CommandLine;

namespace Orchestrator.Cli.Invocation;

/// <summary>How every command sets its action: failures are reported by <see cref="CliErrors"/>.</summary>
internal static class CommandExtensions
{
    public static void SetCliAction(this Command command, Func<CliInvocation, CancellationToken, Task<int>> action) =>
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(new CliInvocation(parseResult), action, isService: false, cancellationToken));

    /// <summary>The action of a command that serves until it is stopped (sidecar, worker, serve).</summary>
    public static void SetServiceAction(this Command command, Func<CliInvocation, CancellationToken, Task<int>> action) =>
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(new CliInvocation(parseResult), action, isService: true, cancellationToken));
}
