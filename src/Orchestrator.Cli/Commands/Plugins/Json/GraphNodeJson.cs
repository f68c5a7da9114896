namespace Orchestrator.Cli.Commands.Plugins.Json;

internal sealed record GraphNodeJson(string Name, string Version, string Status);
