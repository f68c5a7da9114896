using System.CommandLine;
using Orchestrator.Cli.Commands.Shared;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Invocation;
using Orchestrator.Documents.Values;

namespace Orchestrator.Cli.Commands.Worker;

/// <summary>
/// <c>orchestrator worker</c>: the durable worker and the retention job, against a sidecar (--sidecar) or an embedded
/// one listening on --port for clients. This is the process that resumes runs after a crash.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create(CliContext context, Option<string[]> pluginPaths)
    {
        var sidecar = new SidecarChoice();
        var engine = new EngineCommandOptions();
        var port = CommonOptions.Port();
        var retention = new Option<string?>("--retention") { Description = "Keep finished runs this long (default 168h = 7 days), e.g. 24h, P3D." };
        var interval = new Option<string?>("--cleanup-interval") { Description = "How often the retention job runs (default 1h)." };
        var command = new Command("worker", "Run the durable worker and the retention job (with an embedded sidecar on --port unless --sidecar is given).")
        {
            port, retention, interval,
        };
        sidecar.AddTo(command);
        engine.AddTo(command);
        command.SetServiceAction(async (invocation, cancellationToken) =>
        {
            var problems = new List<string>();
            var retain = ParseDuration(invocation.Value(retention), "--retention", problems);
            var every = ParseDuration(invocation.Value(interval), "--cleanup-interval", problems);
            var target = sidecar.Choose(invocation, context, problems, OwnerRoles.Worker, onConfiguredPort: true, port: invocation.Value(port));
            if (target.Address is not null && invocation.Value(port) is not null)
            {
                problems.Add("give either --port (embedded sidecar) or --sidecar ADDRESS, not both");
            }

            if (problems.Count > 0)
            {
                throw new UsageException(problems);
            }

            var settings = engine.Read(invocation, pluginPaths);
            invocation.SidecarAddress = target.Address;
            await using var process = await EngineProcess.StartAsync(
                context, target, settings, EngineWorker.Own, new CliLogging(LogProfile.Worker, settings.Verbose, invocation.Error), o =>
                {
                    o.KeepSchedules = true;
                    o.Retention = retain ?? o.Retention;
                    o.CleanupInterval = every ?? o.CleanupInterval;
                }, cancellationToken);
            await invocation.Output.WriteLineAsync($"worker ready; sidecar {process.SidecarAddress}{(process.IsSidecarEmbedded ? " (embedded)" : string.Empty)}");
            await invocation.Output.FlushAsync(cancellationToken);
            await process.WaitForShutdownAsync(cancellationToken);
            return OrchestratorCli.Success;
        });
        return command;
    }

    private static TimeSpan? ParseDuration(string? text, string option, List<string> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (Duration.TryParse(text, out var value) && value > TimeSpan.Zero)
        {
            return value;
        }

        problems.Add($"{option} '{text}' is not a positive duration such as 30m, 24h or P7D");
        return null;
    }
}
