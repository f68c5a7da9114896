using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Sidecar;
using Orchestrator.Sidecar.Configuration;
using Orchestrator.Sidecar.Hosting;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>orchestrator sidecar</c>: serves the Durable Task gRPC sidecar until SIGTERM/Ctrl+C. Settings come from the
/// options, else from ORCHESTRATOR_SIDECAR__* environment variables, else the defaults of <see cref="SidecarOptions"/>.
/// </summary>
internal static class SidecarCommand
{
    public const string EnvironmentPrefix = "ORCHESTRATOR_";

    private static readonly Option<string?> Backend = new("--backend") { Description = "Backend: memory (default), sqlite or azure-storage." };
    private static readonly Option<string?> Host = new("--host") { Description = "IP address to listen on (default 127.0.0.1; other addresses are unauthenticated and logged as a warning)." };
    private static readonly Option<int?> Port = new("--port") { Description = "Port to listen on; 0 picks a free port (default 4001)." };
    private static readonly Option<string?> Connection = new("--connection") { Description = "Azure Storage connection string (UseDevelopmentStorage=true for Azurite)." };
    private static readonly Option<string?> Database = new("--database") { Description = "SQLite database file for --backend sqlite (default ~/.local/share/orchestrator/orchestrator.db; created when missing)." };
    private static readonly Option<string?> TaskHub = new("--task-hub") { Description = "Azure Storage task hub name (default orchestrator)." };
    private static readonly Option<int?> Partitions = new("--partitions") { Description = "Azure Storage partition count, 1-16 (default 4)." };
    private static readonly Option<int?> VisibilityTimeout = new("--visibility-timeout") { Description = "Azure Storage queue visibility timeout, or sqlite work-item lock timeout, in seconds (default 300)." };
    private static readonly Option<int?> PollingInterval = new("--polling-interval") { Description = "Longest Azure Storage queue or sqlite database polling interval in milliseconds (default 1000)." };
    private static readonly Option<int?> Concurrency = new("--concurrency") { Description = "Work items of each kind kept in flight (default 1000)." };
    private static readonly Option<int?> ShutdownTimeout = new("--shutdown-timeout") { Description = "Seconds a graceful stop may take (default 10)." };

    public static Command Create()
    {
        var command = new Command("sidecar", "Serve the Durable Task gRPC sidecar that workers and clients connect to.")
        {
            Backend, Host, Port, Connection, Database, TaskHub, Partitions, VisibilityTimeout, PollingInterval, Concurrency, ShutdownTimeout,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var error = parseResult.InvocationConfiguration.Error;
        SidecarOptions options;
        try
        {
            options = ReadOptions(parseResult);
        }
        catch (InvalidOperationException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return OrchestratorCli.UsageError;
        }

        var problems = SidecarOptionsValidator.Problems(options).ToList();
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await error.WriteLineAsync($"error: {problem}");
            }

            return OrchestratorCli.UsageError;
        }

        using var loggerFactory = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            })
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None)
            .AddFilter("DurableTask", LogLevel.Warning));
        try
        {
            await using var app = SidecarHost.Create(options, loggerFactory);
            await app.StartAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return OrchestratorCli.Success;
        }
        catch (SidecarException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return OrchestratorCli.Failure;
        }
        catch (IOException ex)
        {
            await error.WriteLineAsync($"error: cannot listen on {options.Host}:{options.Port}: {ex.Message} Choose another --port (0 picks a free one).");
            return OrchestratorCli.Failure;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await error.WriteLineAsync($"error: the sidecar failed: {ex.Message}");
            return OrchestratorCli.Failure;
        }
    }

    private static SidecarOptions ReadOptions(ParseResult parseResult)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables(EnvironmentPrefix).Build();
        var options = new SidecarOptions();
        configuration.GetSection(SidecarOptions.SectionName).Bind(options);
        options.Backend = parseResult.GetValue(Backend) ?? options.Backend;
        options.Host = parseResult.GetValue(Host) ?? options.Host;
        options.Port = parseResult.GetValue(Port) ?? options.Port;
        options.ConnectionString = parseResult.GetValue(Connection) ?? options.ConnectionString;
        options.DatabasePath = parseResult.GetValue(Database) is { } database ? Path.GetFullPath(database) : options.DatabasePath;
        options.TaskHub = parseResult.GetValue(TaskHub) ?? options.TaskHub;
        options.Partitions = parseResult.GetValue(Partitions) ?? options.Partitions;
        options.Concurrency = parseResult.GetValue(Concurrency) ?? options.Concurrency;
        if (parseResult.GetValue(VisibilityTimeout) is { } visibility)
        {
            options.VisibilityTimeout = TimeSpan.FromSeconds(visibility);
        }

        if (parseResult.GetValue(PollingInterval) is { } polling)
        {
            options.PollingInterval = TimeSpan.FromMilliseconds(polling);
        }

        if (parseResult.GetValue(ShutdownTimeout) is { } shutdown)
        {
            options.ShutdownTimeout = TimeSpan.FromSeconds(shutdown);
        }

        return options;
    }
}
