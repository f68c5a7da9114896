using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Orchestrator.Cli.Commands.Shared;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Invocation;
using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>orchestrator sidecar</c>: serves the Durable Task gRPC sidecar until SIGTERM/Ctrl+C. Settings come from the
/// options, else from ORCHESTRATOR_SIDECAR__* environment variables, else the defaults of <see cref="SidecarOptions"/>.
/// </summary>
internal static class SidecarCommand
{
    private static readonly Option<string?> Host = new("--host") { Description = "IP address to listen on (default 127.0.0.1; other addresses are unauthenticated and logged as a warning)." };
    private static readonly Option<int?> Partitions = new("--partitions") { Description = "Azure Storage partition count, 1-16 (default 4)." };
    private static readonly Option<int?> VisibilityTimeout = new("--visibility-timeout") { Description = $"Azure Storage queue visibility timeout, or sqlite work-item lock timeout, in seconds: how long a crash delays the work in flight (default {SidecarOptions.DefaultVisibilityTimeout.TotalSeconds:0}; locks are renewed, so phases may run longer)." };
    private static readonly Option<int?> LeaseTimeout = new("--lease-timeout") { Description = $"Azure Storage partition lease timeout in seconds: how soon the partitions of a node that died move to the others (default {SidecarOptions.DefaultLeaseTimeout.TotalSeconds:0})." };
    private static readonly Option<int?> PollingInterval = new("--polling-interval") { Description = "Longest Azure Storage queue or sqlite database polling interval in milliseconds (default 1000)." };
    private static readonly Option<int?> Concurrency = new("--concurrency") { Description = "Work items of each kind kept in flight (default 1000)." };
    private static readonly Option<int?> ShutdownTimeout = new("--shutdown-timeout") { Description = "Seconds a graceful stop may take (default 10)." };

    public static Command Create(CliContext context)
    {
        var backend = new BackendOptions();
        var port = CommonOptions.Port();
        var verbose = CommonOptions.Verbose();
        var command = new Command("sidecar", "Serve the Durable Task gRPC sidecar that workers and clients connect to.");
        backend.AddTo(command);
        foreach (var option in new Option[] { Host, port, Partitions, LeaseTimeout, VisibilityTimeout, PollingInterval, Concurrency, ShutdownTimeout, verbose })
        {
            command.Options.Add(option);
        }

        command.SetServiceAction(async (invocation, cancellationToken) =>
        {
            var options = ReadOptions(invocation, context, backend, port);
            var problems = SidecarOptionsValidator.Problems(options).Concat(backend.Problems(invocation, options)).ToList();
            if (problems.Count > 0)
            {
                throw new UsageException(problems);
            }

            using var loggerFactory = new CliLogging(LogProfile.Service, invocation.Value(verbose), invocation.Error).CreateFactory();
            await using var app = await SidecarApplication.StartAsync(options, loggerFactory, cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return OrchestratorCli.Success;
        });
        return command;
    }

    private static SidecarOptions ReadOptions(CliInvocation invocation, CliContext context, BackendOptions backend, Option<int?> port)
    {
        var options = backend.Read(invocation, context, OwnerRoles.Sidecar);
        options.Host = invocation.Value(Host) ?? options.Host;
        options.Port = invocation.Value(port) ?? options.Port;
        options.Partitions = invocation.Value(Partitions) ?? options.Partitions;
        options.Concurrency = invocation.Value(Concurrency) ?? options.Concurrency;
        if (invocation.Value(VisibilityTimeout) is { } visibility)
        {
            options.VisibilityTimeout = TimeSpan.FromSeconds(visibility);
        }

        if (invocation.Value(LeaseTimeout) is { } lease)
        {
            options.LeaseTimeout = TimeSpan.FromSeconds(lease);
        }

        if (invocation.Value(PollingInterval) is { } polling)
        {
            options.PollingInterval = TimeSpan.FromMilliseconds(polling);
        }

        if (invocation.Value(ShutdownTimeout) is { } shutdown)
        {
            options.ShutdownTimeout = TimeSpan.FromSeconds(shutdown);
        }

        return options;
    }
}
