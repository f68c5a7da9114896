using System.Collections.Immutable;

namespace Orchestrator.Cli.Commands.Plugins.Json;

/// <summary><c>plugins validate --json</c>.</summary>
internal sealed record ValidateJson(ImmutableArray<ValidationJson> Results, int Valid, int Invalid);
