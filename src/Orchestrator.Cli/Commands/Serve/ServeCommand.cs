using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Orchestrator.Cli.Commands.Run;
using Orchestrator.Server.Hosting;
using Orchestrator.Sidecar;
using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Cli.Commands.Serve;

/// <summary>
/// <c>orchestrator serve</c>: the REST API, the durable worker, the retention job and plugin hot reload in one process,
/// with an embedded sidecar unless <c>--sidecar</c> names one; runs until SIGTERM/Ctrl+C.
/// </summary>
internal static class ServeCommand
{
    private static readonly Option<string?> Urls = new("--urls") { Description = $"Addresses to listen on, ';'-separated (default {ServerHostOptions.DefaultUrls}; port 0 picks a free port)." };
    private static readonly Option<string?> Backend = new("--backend") { Description = "Embedded sidecar backend: memory (default) or azure-storage." };
    private static readonly Option<string?> Connection = new("--connection") { Description = "Azure Storage connection string for --backend azure-storage (UseDevelopmentStorage=true for Azurite)." };
    private static readonly Option<string?> TaskHub = new("--task-hub") { Description = "Azure Storage task hub name (default orchestrator)." };
    private static readonly Option<string?> SidecarAddress = new("--sidecar") { Description = "Use an external sidecar at this address (e.g. http://sidecar:4001) instead of an embedded one.", HelpName = "ADDRESS" };
    private static readonly Option<string[]> Workflows = new("--workflows") { Description = "A directory of workflow files, searched first (repeatable).", HelpName = "DIR", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
    private static readonly Option<string?> DataDir = new("--data-dir") { Description = "Where run workspaces live (default $XDG_DATA_HOME/orchestrator).", HelpName = "DIR" };

    public static Command Create(CliContext context, Option<string[]> pluginPaths)
    {
        var command = new Command("serve", "Serve the REST API with the durable worker, retention job and plugin hot reload.")
        {
            Urls, Backend, Connection, TaskHub, SidecarAddress, Workflows, DataDir,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, context, pluginPaths, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, CliContext context, Option<string[]> pluginPaths, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var options = ReadOptions(parseResult, context, pluginPaths, out var problems);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await error.WriteLineAsync($"error: {problem}");
            }

            return OrchestratorCli.UsageError;
        }

        OrchestratorServerHost host;
        try
        {
            host = await OrchestratorServerHost.StartAsync(options, cancellationToken);
        }
        catch (Exception ex) when (ex is SidecarException or IOException or InvalidOperationException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            await error.WriteLineAsync($"error: cannot start the server: {ex.Message}");
            return OrchestratorCli.Failure;
        }

        await using (host)
        {
            await output.WriteLineAsync($"Orchestrator API listening on {string.Join(", ", host.Addresses)} (OpenAPI {host.Addresses[0]}/openapi/v1.json, API page {host.Addresses[0]}{ServerApplicationExtensions.ApiPagePath})");
            await output.FlushAsync(CancellationToken.None);
            try
            {
                await host.WaitForShutdownAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // SIGTERM or Ctrl+C: the host is disposed below.
            }
        }

        await output.WriteLineAsync("Orchestrator API stopped.");
        return OrchestratorCli.Success;
    }

    private static ServerHostOptions ReadOptions(ParseResult parseResult, CliContext context, Option<string[]> pluginPaths, out List<string> problems)
    {
        problems = [];
        var options = new ServerHostOptions { Urls = parseResult.GetValue(Urls) ?? ServerHostOptions.DefaultUrls };
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables(OrchestratorServerHost.EnvironmentPrefix).Build();
        configuration.GetSection(SidecarOptions.SectionName).Bind(options.Sidecar);
        options.Sidecar.Backend = parseResult.GetValue(Backend) ?? options.Sidecar.Backend;
        options.Sidecar.ConnectionString = parseResult.GetValue(Connection) ?? options.Sidecar.ConnectionString;
        options.Sidecar.TaskHub = parseResult.GetValue(TaskHub) ?? options.Sidecar.TaskHub;
        options.SidecarAddress = parseResult.GetValue(SidecarAddress);
        if (options.SidecarAddress is { } address && EngineCliOptions.AddressProblem(address) is { } addressProblem)
        {
            problems.Add(addressProblem);
        }

        if (options.SidecarAddress is not null && (parseResult.GetResult(Backend) is not null || parseResult.GetResult(Connection) is not null))
        {
            problems.Add("--backend and --connection configure the embedded sidecar; they cannot be combined with --sidecar");
        }

        if (options.SidecarAddress is null)
        {
            var saved = options.Sidecar.Port;
            options.Sidecar.Port = 0;
            problems.AddRange(SidecarOptionsValidator.Problems(options.Sidecar));
            options.Sidecar.Port = saved;
        }

        foreach (var url in options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var listen)
                || listen.Scheme is not ("http" or "https"))
            {
                problems.Add($"--urls '{url}' is not an address to listen on, e.g. http://127.0.0.1:8080");
            }
        }

        var plugins = parseResult.GetValue(pluginPaths) ?? [];
        options.Discovery = context.Discovery with { ExplicitPaths = [.. plugins] };
        options.BuiltIns = context.BuiltIns;
        var workflows = parseResult.GetValue(Workflows) ?? [];
        var dataDir = parseResult.GetValue(DataDir);
        options.Engine = e =>
        {
            foreach (var directory in workflows)
            {
                e.WorkflowPaths.Add(directory);
            }

            if (dataDir is not null)
            {
                e.DataDirectory = Path.GetFullPath(dataDir);
            }
        };
        return options;
    }
}
