using System.CommandLine;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Invocation;
using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Cli.Commands.Shared;

/// <summary>
/// How <c>run</c>, <c>worker</c> and <c>serve</c> choose their sidecar: <c>--sidecar ADDRESS</c> (an http(s) address,
/// not combined with the embedded sidecar's options), or else an embedded one configured by <see cref="Backend"/>.
/// </summary>
internal sealed class SidecarChoice
{
    public Option<string?> Sidecar { get; } = SidecarAddresses.EngineOption();

    public BackendOptions Backend { get; } = new();

    public void AddTo(Command command)
    {
        command.Options.Add(Sidecar);
        Backend.AddTo(command);
    }

    /// <summary>
    /// The sidecar to use; what is wrong is added to <paramref name="problems"/>. An embedded sidecar listens on a free
    /// loopback port, or with <paramref name="onConfiguredPort"/> where its settings say (<paramref name="port"/> first);
    /// <paramref name="role"/> is what a sqlite owner record says this process is (<see cref="OwnerRoles"/>).
    /// </summary>
    public SidecarTarget Choose(CliInvocation invocation, CliContext context, ICollection<string> problems, string role, bool onConfiguredPort = false, int? port = null)
    {
        if (invocation.Value(Sidecar) is { } external)
        {
            if (SidecarAddresses.Problem(external) is { } problem)
            {
                problems.Add(problem);
            }

            if (Backend.ProblemWithExternalSidecar(invocation) is { } combined)
            {
                problems.Add(combined);
            }

            return SidecarTarget.At(external);
        }

        var options = Backend.Read(invocation, context, role);
        if (onConfiguredPort)
        {
            options.Port = port ?? options.Port;
        }
        else
        {
            options.Host = "127.0.0.1";
            options.Port = 0;
        }

        foreach (var problem in SidecarOptionsValidator.Problems(options).Concat(Backend.Problems(invocation, options)))
        {
            problems.Add(problem);
        }

        return new SidecarTarget(null, options, onConfiguredPort);
    }
}
