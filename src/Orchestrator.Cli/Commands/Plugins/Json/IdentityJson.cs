using Orchestrator.Plugins.Execution;

namespace Orchestrator.Cli.Commands.Plugins.Json;

/// <summary>A loaded plugin version: name, version, content hash.</summary>
internal sealed record IdentityJson(string Name, string Version, string ContentHash)
{
    public static IdentityJson From(PluginIdentity identity) => new(identity.Name, identity.Version, identity.ContentHash);

    public PluginIdentity ToIdentity() => new(Name, Version, ContentHash);
}
