using System.CommandLine;
using Grpc.Core;
using Orchestrator.Abstractions;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Cli.Invocation;

/// <summary>
/// The one place that turns what went wrong into <c>error: …</c> lines on stderr and an exit code (docs/cli.md#exit-codes):
/// 2 for a command line that cannot work as given (parse errors, <see cref="UsageException"/>, a rejected run request),
/// 1 for everything that failed while doing the work.
/// </summary>
internal static class CliErrors
{
    /// <summary>
    /// Runs a command's action and reports its failure. For a service (<paramref name="isService"/>), SIGTERM or Ctrl+C
    /// while it starts is a normal stop (exit 0), as it is once it runs.
    /// </summary>
    public static async Task<int> RunAsync(CliInvocation invocation, Func<CliInvocation, CancellationToken, Task<int>> action, bool isService, CancellationToken cancellationToken)
    {
        try
        {
            return await action(invocation, cancellationToken);
        }
        catch (OperationCanceledException) when (isService && cancellationToken.IsCancellationRequested)
        {
            return OrchestratorCli.Success;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var (exitCode, lines) = Describe(ex, invocation.SidecarAddress);
            foreach (var line in lines)
            {
                await invocation.Error.WriteLineAsync(line);
            }

            return exitCode;
        }
    }

    /// <summary>Reports the parser's errors: every one, then where to find the usage.</summary>
    public static async Task<int> ReportAsync(ParseResult parseResult, TextWriter error)
    {
        foreach (var parseError in parseResult.Errors)
        {
            await error.WriteLineAsync(parseError.Message);
        }

        await error.WriteLineAsync("Run 'orchestrator --help' for usage.");
        return OrchestratorCli.UsageError;
    }

    /// <summary>The exit code and the lines to print for a failure.</summary>
    public static (int ExitCode, IReadOnlyList<string> Lines) Describe(Exception exception, string? sidecarAddress) => exception switch
    {
        UsageException usage => (OrchestratorCli.UsageError, [.. usage.Problems.Select(Line)]),
        RunRequestException request => (OrchestratorCli.UsageError, [Line(request.Message)]),
        InvalidValueException invalid => (OrchestratorCli.UsageError, [.. invalid.Problems.Select(Line)]),
        CommandFailedException failed => (OrchestratorCli.Failure, [Line(failed.Message), .. failed.Details.Select(d => $"  {d}")]),
        OrchestratorException known => (OrchestratorCli.Failure, [Line(known.Message)]),
        RpcException rpc => (OrchestratorCli.Failure, [Line(
            $"cannot reach the sidecar at {sidecarAddress ?? "its address"} ({rpc.Status.StatusCode}: {rpc.Status.Detail}); start one with 'orchestrator worker' or pass --sidecar ADDRESS")]),
        _ => (OrchestratorCli.Failure, [Line($"unexpected {exception.GetType().Name}: {exception.Message}"), exception.ToString()]),
    };

    /// <summary>How every error line looks.</summary>
    public static string Line(string message) => $"error: {message}";
}
