using Orchestrator.Engine;
using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Cli.Hosting;

/// <summary>
/// The engine settings of a process that embeds its sidecar: the sidecar's backend says how long a crash delays the work
/// in flight, which the phases' backstop waits for, and it and the process's role are recorded in the workspace of each
/// run started here, so a run lost with the in-memory backend is told apart (docs/running-workflows.md#crashes-and-resuming).
/// </summary>
internal static class EngineRedelivery
{
    /// <summary><paramref name="then"/> after <see cref="EngineOptions.Redelivery"/>, <see cref="EngineOptions.Backend"/> and <see cref="EngineOptions.ProcessKind"/> are set from <paramref name="embedded"/> (kept when null: an external sidecar).</summary>
    public static Action<EngineOptions> From(SidecarOptions? embedded, Action<EngineOptions>? then) => options =>
    {
        if (embedded is not null)
        {
            options.Redelivery = embedded.RedeliveryTime;
            options.Backend = embedded.Backend;
            options.ProcessKind = embedded.OwnerRole;
        }

        then?.Invoke(options);
    };
}
