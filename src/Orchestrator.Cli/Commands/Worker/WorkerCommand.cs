using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Cli.Commands.Run;
using Orchestrator.Documents.Values;
using Orchestrator.Sidecar;
using Orchestrator.Sidecar.Hosting;

namespace Orchestrator.Cli.Commands.Worker;

/// <summary>
/// <c>orchestrator worker</c>: the durable worker and the retention job, against a sidecar (--sidecar) or an embedded
/// one listening on --port for clients. This is the process that resumes runs after a crash.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create(CliContext context, Option<string[]> pluginPaths)
    {
        var sidecar = EngineCliOptions.Sidecar("Work for this sidecar instead of starting an embedded one.");
        var port = new Option<int?>("--port") { Description = "Port of the embedded sidecar (default 4001; 0 picks a free one)." };
        var backend = EngineCliOptions.Backend();
        var connection = EngineCliOptions.Connection();
        var taskHub = EngineCliOptions.TaskHub();
        var workflows = EngineCliOptions.Workflows();
        var dataDir = EngineCliOptions.DataDir();
        var verbose = EngineCliOptions.Verbose();
        var retention = new Option<string?>("--retention") { Description = "Keep finished runs this long (default 168h = 7 days), e.g. 24h, P3D." };
        var interval = new Option<string?>("--cleanup-interval") { Description = "How often the retention job runs (default 1h)." };
        var command = new Command("worker", "Run the durable worker and the retention job (with an embedded sidecar on --port unless --sidecar is given).")
        {
            sidecar, port, backend, connection, taskHub, workflows, dataDir, retention, interval, verbose,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var problems = new List<string>();
            var retain = ParseDuration(parseResult.GetValue(retention), "--retention", problems);
            var every = ParseDuration(parseResult.GetValue(interval), "--cleanup-interval", problems);
            var (external, sidecarOptions) = EngineCliOptions.ChooseSidecar(
                parseResult, sidecar, backend, connection, taskHub, parseResult.GetValue(port) ?? Sidecar.Configuration.SidecarOptions.DefaultPort, problems);
            if (external is not null && parseResult.GetValue(port) is not null)
            {
                problems.Add("give either --port (embedded sidecar) or --sidecar ADDRESS, not both");
            }

            if (problems.Count > 0)
            {
                problems.ForEach(p => error.WriteLine($"error: {p}"));
                return OrchestratorCli.UsageError;
            }

            var settings = new EngineSettings(parseResult.GetValue(pluginPaths) ?? [], parseResult.GetValue(workflows) ?? [], parseResult.GetValue(dataDir), parseResult.GetValue(verbose));
            WebApplication? embedded = null;
            try
            {
                var address = external;
                if (address is null)
                {
                    embedded = SidecarHost.Create(sidecarOptions!);
                    await embedded.StartAsync(cancellationToken);
                    address = embedded.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                }

                await using var session = await EngineSession.StartAsync(context, settings, address, worker: true, o =>
                {
                    o.Retention = retain ?? o.Retention;
                    o.CleanupInterval = every ?? o.CleanupInterval;
                }, cancellationToken);
                await output.WriteLineAsync($"worker ready; sidecar {address}{(embedded is null ? string.Empty : " (embedded)")}");
                await output.FlushAsync(cancellationToken);
                await session.WaitForShutdownAsync(cancellationToken);
                return OrchestratorCli.Success;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return OrchestratorCli.Success;
            }
            catch (Exception ex) when (ex is SidecarException or IOException)
            {
                await error.WriteLineAsync($"error: {ex.Message}");
                return OrchestratorCli.Failure;
            }
            finally
            {
                if (embedded is not null)
                {
                    using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    await embedded.StopAsync(stop.Token);
                    await embedded.DisposeAsync();
                }
            }
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
