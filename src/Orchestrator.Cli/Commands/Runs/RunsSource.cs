using System.CommandLine;
using Orchestrator.Cli.Commands.Shared;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Invocation;
using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Cli.Commands.Runs;

/// <summary>
/// Where <c>runs</c> finds the runs (docs/backends.md#how-run-and-runs-find-the-owner): <c>--sidecar</c>, else
/// <c>ORCHESTRATOR_SIDECAR</c>; else, on the sqlite backend, the sidecar of the process that owns the database
/// (<c>--database</c>, default the user's), or the database itself through a sidecar of its own with no worker
/// when nothing owns it; on another configured backend, <see cref="SidecarAddresses.DefaultClient"/>.
/// </summary>
internal sealed class RunsSource
{
    public Option<string?> Sidecar { get; } = SidecarAddresses.ClientOption();

    public Option<string?> Database { get; } = BackendOptions.DatabaseOption();

    public void AddTo(Command command)
    {
        command.Options.Add(Sidecar);
        command.Options.Add(Database);
    }

    public async Task<SidecarTarget> ChooseAsync(CliInvocation invocation, CliContext context, CancellationToken cancellationToken)
    {
        if (SidecarAddresses.Given(invocation.Value(Sidecar), context) is { } address)
        {
            return invocation.Given(Database)
                ? throw new UsageException("give either --sidecar (a running sidecar) or --database (a database file), not both")
                : SidecarTarget.At(address);
        }

        var configured = new BackendOptions().Read(invocation, context, OwnerRoles.Runs);
        if (!SidecarBackends.Is(configured.Backend, SidecarBackends.Sqlite))
        {
            return invocation.Given(Database)
                ? throw new UsageException($"--database is for the sqlite backend, but ORCHESTRATOR_SIDECAR__BACKEND says {configured.Backend}")
                : SidecarTarget.At(SidecarAddresses.DefaultClient);
        }

        configured.DatabasePath = BackendOptions.DatabasePath(invocation, context, Database);
        if (await DatabaseOwners.FindAsync(configured.DatabasePath, cancellationToken) is { Address: { } owned })
        {
            return SidecarTarget.At(owned);
        }

        if (!File.Exists(configured.DatabasePath))
        {
            throw new CommandFailedException(
                $"no database at {configured.DatabasePath}: no run has been started with it yet",
                ["Start one with `orchestrator run`, or point at another with --database FILE or --sidecar ADDRESS."]);
        }

        configured.Host = "127.0.0.1";
        configured.Port = 0;
        return new SidecarTarget(null, configured);
    }
}
