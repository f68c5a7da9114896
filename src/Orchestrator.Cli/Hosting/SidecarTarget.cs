using Orchestrator.Sidecar.Configuration;

namespace Orchestrator.Cli.Hosting;

/// <summary>The sidecar a process uses: one running at <see cref="Address"/>, or one it embeds with <see cref="Embedded"/>.</summary>
/// <param name="Address">The address of a running sidecar; null when the sidecar is embedded.</param>
/// <param name="Embedded">The settings of the embedded sidecar; null when <see cref="Address"/> is given.</param>
/// <param name="OnConfiguredPort">Whether the embedded sidecar listens on the host and port of <see cref="Embedded"/> (worker) rather than a free loopback port.</param>
internal sealed record SidecarTarget(string? Address, SidecarOptions? Embedded, bool OnConfiguredPort = false)
{
    public static SidecarTarget At(string address) => new(address, null);
}
