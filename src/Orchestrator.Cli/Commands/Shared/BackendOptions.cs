using System.CommandLine;
using Orchestrator.Cli.Invocation;
using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Cli.Commands.Shared;

/// <summary>
/// <c>--backend</c>, <c>--connection</c>, <c>--task-hub</c>: where a sidecar this process runs keeps its state
/// (<c>orchestrator sidecar</c>, and the embedded sidecar of <c>run</c>, <c>worker</c> and <c>serve</c>). A backend
/// option is added here, once, with its line in <see cref="Read"/>.
/// </summary>
internal sealed class BackendOptions
{
    /// <summary>The backend when neither an option nor <c>ORCHESTRATOR_SIDECAR__BACKEND</c> names one, for all four commands.</summary>
    public const string DefaultBackend = SidecarBackends.Memory;

    public Option<string?> Backend { get; } = new("--backend") { Description = $"Backend of the sidecar: {string.Join(" or ", SidecarBackends.All)} (default {DefaultBackend}).", HelpName = "NAME" };

    public Option<string?> Connection { get; } = new("--connection") { Description = "Azure Storage connection string for --backend azure-storage (UseDevelopmentStorage=true for Azurite).", HelpName = "STRING" };

    public Option<string?> TaskHub { get; } = new("--task-hub") { Description = "Azure Storage task hub name (default orchestrator).", HelpName = "NAME" };

    private IReadOnlyList<Option> All => [Backend, Connection, TaskHub];

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

    /// <summary>The sidecar settings: these options over <c>ORCHESTRATOR_SIDECAR__*</c> over the defaults.</summary>
    public SidecarOptions Read(CliInvocation invocation, CliContext context)
    {
        var options = new SidecarOptions { Backend = DefaultBackend };
        CliConfiguration.Bind(context, SidecarOptions.SectionName, options);
        options.Backend = invocation.Value(Backend) ?? options.Backend;
        options.ConnectionString = invocation.Value(Connection) ?? options.ConnectionString;
        options.TaskHub = invocation.Value(TaskHub) ?? options.TaskHub;
        return options;
    }
}
