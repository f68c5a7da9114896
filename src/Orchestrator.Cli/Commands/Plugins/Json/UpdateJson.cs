namespace Orchestrator.Cli.Commands.Plugins.Json;

/// <summary>A plugin whose version or content changed.</summary>
internal sealed record UpdateJson(string Name, IdentityJson Old, IdentityJson New);
