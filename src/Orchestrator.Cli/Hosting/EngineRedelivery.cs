using Orchestrator.Engine;
using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Cli.Hosting;

/// <summary>
/// The engine settings of a process that embeds its sidecar: the sidecar's backend says how long a crash delays the work
/// in flight, which the phases' backstop waits for (docs/running-workflows.md#crashes-and-resuming).
/// </summary>
internal static class EngineRedelivery
{
    /// <summary><paramref name="then"/> after <see cref="EngineOptions.Redelivery"/> is set from <paramref name="embedded"/> (kept when null: an external sidecar).</summary>
    public static Action<EngineOptions> From(SidecarOptions? embedded, Action<EngineOptions>? then) => options =>
    {
        if (embedded is not null)
        {
            options.Redelivery = embedded.RedeliveryTime;
        }

        then?.Invoke(options);
    };
}
