namespace Orchestrator.Cli.Commands.Plugins.Json;

internal sealed record GraphEdgeJson(string From, string To, string Range, string? FoundVersion, bool Satisfied);
