using System.CommandLine;
using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Cli.Commands.Run;

/// <summary>Options shared by <c>run</c>, <c>runs</c> and <c>worker</c>.</summary>
internal static class EngineCliOptions
{
    /// <summary>Where <c>runs</c> connects when neither --sidecar nor ORCHESTRATOR_SIDECAR says.</summary>
    public const string DefaultSidecar = "http://127.0.0.1:4001";

    public const string SidecarVariable = "ORCHESTRATOR_SIDECAR";

    public static Option<string[]> Workflows() => new("--workflows")
    {
        Description = "A directory to search for workflow files first (repeatable).",
        HelpName = "DIR",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string?> Sidecar(string description) => new("--sidecar") { Description = description, HelpName = "ADDRESS" };

    public static Option<string?> Backend() => new("--backend") { Description = "Backend of the embedded sidecar: memory (default) or azure-storage." };

    public static Option<string?> Connection() => new("--connection") { Description = "Azure Storage connection string for --backend azure-storage (UseDevelopmentStorage=true for Azurite)." };

    public static Option<string?> TaskHub() => new("--task-hub") { Description = "Azure Storage task hub name (default orchestrator)." };

    public static Option<string?> DataDir() => new("--data-dir")
    {
        Description = "Data directory (run workspaces under runs/); default ORCHESTRATOR_DATA_DIR, else $XDG_DATA_HOME/orchestrator.",
        HelpName = "DIR",
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON instead of text." };

    public static Option<bool> Verbose() => new("--verbose") { Description = "Log the engine's activity to stderr." };

    /// <summary>
    /// Which sidecar a command uses: <c>--sidecar ADDRESS</c> (checked to be an http(s) address, and not combined with
    /// the embedded sidecar's options), or else an embedded one built from --backend, --connection and --task-hub.
    /// </summary>
    public static (string? External, SidecarOptions? Embedded) ChooseSidecar(
        ParseResult parseResult, Option<string?> sidecar, Option<string?> backend, Option<string?> connection, Option<string?> taskHub, int port, ICollection<string> problems)
    {
        if (parseResult.GetValue(sidecar) is { } external)
        {
            if (AddressProblem(external) is { } problem)
            {
                problems.Add(problem);
            }

            if (parseResult.GetResult(backend) is not null || parseResult.GetResult(connection) is not null || parseResult.GetResult(taskHub) is not null)
            {
                problems.Add("--backend, --connection and --task-hub configure the embedded sidecar; they cannot be combined with --sidecar");
            }

            return (external, null);
        }

        var (embedded, embeddedProblem) = EmbeddedSidecar(parseResult.GetValue(backend), parseResult.GetValue(connection), parseResult.GetValue(taskHub), port);
        if (embeddedProblem is not null)
        {
            problems.Add(embeddedProblem);
        }

        return (null, embedded);
    }

    /// <summary>Why <paramref name="address"/> is not a sidecar address, or null when it is one.</summary>
    public static string? AddressProblem(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? null
            : $"--sidecar '{address}' is not an http:// or https:// address, e.g. http://127.0.0.1:4001";

    /// <summary>The sidecar options for an embedded sidecar, or the problem with them.</summary>
    public static (SidecarOptions? Options, string? Problem) EmbeddedSidecar(string? backend, string? connection, string? taskHub, int port)
    {
        var options = new SidecarOptions
        {
            Backend = backend ?? SidecarBackends.Memory,
            ConnectionString = connection,
            TaskHub = taskHub ?? "orchestrator",
            Port = port,
        };
        var problems = SidecarOptionsValidator.Problems(options).ToList();
        return problems.Count > 0 ? (null, string.Join(Environment.NewLine, problems)) : (options, null);
    }

    /// <summary>--sidecar, else ORCHESTRATOR_SIDECAR, else the default address.</summary>
    public static string ClientAddress(string? given, CliContext context) =>
        given ?? (context.Discovery.Environment.TryGetValue(SidecarVariable, out var value) && value.Length > 0 ? value : DefaultSidecar);
}
