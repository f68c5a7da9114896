using System.CommandLine;
using Orchestrator.Cli.Commands.Shared;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Invocation;
using Orchestrator.Server.Hosting;

namespace Orchestrator.Cli.Commands.Serve;

/// <summary>
/// <c>orchestrator serve</c>: the REST API, the durable worker, the retention job and plugin hot reload in one process,
/// with an embedded sidecar unless <c>--sidecar</c> names one; runs until SIGTERM/Ctrl+C.
/// </summary>
internal static class ServeCommand
{
    private static readonly Option<string?> Urls = new("--urls") { Description = $"Addresses to listen on, ';'-separated (default {ServeHostOptions.DefaultUrls}; port 0 picks a free port)." };

    public static Command Create(CliContext context, Option<string[]> pluginPaths)
    {
        var sidecar = new SidecarChoice();
        var engine = new EngineCommandOptions();
        var command = new Command("serve", "Serve the REST API with the durable worker, retention job and plugin hot reload.") { Urls };
        sidecar.AddTo(command);
        engine.AddTo(command);
        command.SetServiceAction(async (invocation, cancellationToken) =>
        {
            var options = ReadOptions(invocation, context, pluginPaths, sidecar, engine);
            invocation.SidecarAddress = options.SidecarAddress;
            await using (var host = await ServeHost.StartAsync(options, cancellationToken))
            {
                var output = invocation.Output;
                await output.WriteLineAsync($"Orchestrator API listening on {string.Join(", ", host.Addresses)} (OpenAPI {host.Addresses[0]}/openapi/v1.json, API page {host.Addresses[0]}{ServerApplicationExtensions.ApiPagePath})");
                await output.FlushAsync(CancellationToken.None);
                await host.WaitForShutdownAsync(cancellationToken);
            }

            await invocation.Output.WriteLineAsync("Orchestrator API stopped.");
            return OrchestratorCli.Success;
        });
        return command;
    }

    private static ServeHostOptions ReadOptions(CliInvocation invocation, CliContext context, Option<string[]> pluginPaths, SidecarChoice sidecar, EngineCommandOptions engine)
    {
        var problems = new List<string>();
        var options = new ServeHostOptions { Urls = invocation.Value(Urls) ?? ServeHostOptions.DefaultUrls };
        var target = sidecar.Choose(invocation, context, problems, OwnerRoles.Serve);
        options.SidecarAddress = target.Address;
        if (target.Embedded is { } embedded)
        {
            options.Sidecar.CopyFrom(embedded);
        }

        foreach (var url in options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var listen)
                || listen.Scheme is not ("http" or "https"))
            {
                problems.Add($"--urls '{url}' is not an address to listen on, e.g. http://127.0.0.1:8080");
            }
        }

        if (problems.Count > 0)
        {
            throw new UsageException(problems);
        }

        var settings = engine.Read(invocation, pluginPaths);
        options.Discovery = context.Discovery with { ExplicitPaths = [.. settings.PluginPaths] };
        options.BuiltIns = context.BuiltIns;
        options.Logging = new CliLogging(LogProfile.Service, settings.Verbose, invocation.Error).Configure;
        options.Engine = e =>
        {
            foreach (var directory in settings.WorkflowPaths)
            {
                e.WorkflowPaths.Add(directory);
            }

            if (settings.DataDirectory is { } dataDir)
            {
                e.DataDirectory = Path.GetFullPath(dataDir);
            }
        };
        return options;
    }
}
