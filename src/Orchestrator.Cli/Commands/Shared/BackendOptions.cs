using System.CommandLine;
using Orchestrator.Cli.Invocation;
using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Cli.Commands.Shared;

/// <summary>
/// <c>--backend</c>, <c>--database</c>, <c>--connection</c>, <c>--task-hub</c>, <c>--worker-id</c>: where a sidecar this process runs keeps its
/// state (<c>orchestrator sidecar</c>, and the embedded sidecar of <c>run</c>, <c>worker</c> and <c>serve</c>). A backend
/// option is added here, once, with its line in <see cref="Read"/>.
/// </summary>
internal sealed class BackendOptions
{
    /// <summary>The backend when neither an option nor <c>ORCHESTRATOR_SIDECAR__BACKEND</c> names one, for all four commands.</summary>
    public const string DefaultBackend = SidecarBackends.Sqlite;

    public Option<string?> Backend { get; } = new("--backend") { Description = $"Backend of the sidecar: {string.Join(" or ", SidecarBackends.All)} (default {DefaultBackend}).", HelpName = "NAME" };

    public Option<string?> Database { get; } = DatabaseOption();

    public Option<string?> Connection { get; } = new("--connection") { Description = "Azure Storage connection string for --backend azure-storage (UseDevelopmentStorage=true for Azurite).", HelpName = "STRING" };

    public Option<string?> TaskHub { get; } = new("--task-hub") { Description = "Azure Storage task hub name (default orchestrator).", HelpName = "NAME" };

    public Option<string?> WorkerId { get; } = new("--worker-id")
    {
        Description = "This node's name on an azure-storage task hub that several nodes share: the owner of its partition leases (default the machine name; each node needs its own).",
        HelpName = "ID",
    };

    private IReadOnlyList<Option> All => [Backend, Database, Connection, TaskHub, WorkerId];

    /// <summary><c>--database FILE</c>: the sqlite backend's database file (also taken by <c>runs</c>, which reads it or its owner's sidecar).</summary>
    public static Option<string?> DatabaseOption() => new("--database")
    {
        Description = "The sqlite database file (default $XDG_DATA_HOME/orchestrator/orchestrator.db, i.e. ~/.local/share/orchestrator/orchestrator.db; created when missing).",
        HelpName = "FILE",
    };

    /// <summary>The database file: <paramref name="database"/>, else <c>ORCHESTRATOR_SIDECAR__DATABASEPATH</c>, else the default under the context's home.</summary>
    public static string DatabasePath(CliInvocation invocation, CliContext context, Option<string?> database)
    {
        var options = Configured(context);
        return FullPath(invocation.Value(database) ?? options.DatabasePath, context);
    }

    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The problem when any of these options is given together with <c>--sidecar</c>, else null.</summary>
    public string? ProblemWithExternalSidecar(CliInvocation invocation) =>
        All.Any(invocation.Given)
            ? $"{string.Join(", ", All.SkipLast(1).Select(o => o.Name))} and {All[^1].Name} configure the embedded sidecar; they cannot be combined with --sidecar"
            : null;

    /// <summary>What is wrong with these options beyond the settings' own checks: <c>--database</c> with a backend that has no database.</summary>
    public IEnumerable<string> Problems(CliInvocation invocation, SidecarOptions options)
    {
        if (invocation.Given(Database) && !SidecarBackends.Is(options.Backend, SidecarBackends.Sqlite))
        {
            yield return $"--database is the sqlite backend's file; the {options.Backend} backend has none (drop --database, or use --backend sqlite)";
        }

        if (invocation.Given(WorkerId) && !SidecarBackends.Is(options.Backend, SidecarBackends.AzureStorage))
        {
            yield return $"--worker-id names a node of an azure-storage task hub shared by several nodes; the {options.Backend} backend has no such hub (drop --worker-id, or use --backend azure-storage)";
        }
    }

    /// <summary>The sidecar settings: these options over <c>ORCHESTRATOR_SIDECAR__*</c> over the defaults; <paramref name="role"/> goes into a sqlite owner record.</summary>
    public SidecarOptions Read(CliInvocation invocation, CliContext context, string role)
    {
        var options = Configured(context);
        options.Backend = invocation.Value(Backend) ?? options.Backend;
        options.DatabasePath = FullPath(invocation.Value(Database) ?? options.DatabasePath, context);
        options.ConnectionString = invocation.Value(Connection) ?? options.ConnectionString;
        options.TaskHub = invocation.Value(TaskHub) ?? options.TaskHub;
        options.WorkerId = invocation.Value(WorkerId) ?? options.WorkerId;
        options.OwnerRole = role;
        return options;
    }

    /// <summary>The defaults (the database under the context's home, as the commands see it), then <c>ORCHESTRATOR_SIDECAR__*</c>.</summary>
    private static SidecarOptions Configured(CliContext context)
    {
        var environment = context.Discovery.Environment;
        var options = new SidecarOptions
        {
            Backend = DefaultBackend,
            DatabasePath = SidecarOptions.DefaultDatabasePath(environment.GetValueOrDefault("XDG_DATA_HOME"), context.Discovery.HomeDirectory),
        };
        CliConfiguration.Bind(context, SidecarOptions.SectionName, options);
        return options;
    }

    // A relative file is taken from the directory the command runs in; an empty one is left for the validator to name.
    private static string FullPath(string path, CliContext context) =>
        string.IsNullOrWhiteSpace(path) ? path : Path.GetFullPath(path, context.Discovery.CurrentDirectory);
}
