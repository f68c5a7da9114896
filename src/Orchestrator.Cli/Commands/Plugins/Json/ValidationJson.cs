using System.Collections.Immutable;

namespace Orchestrator.Cli.Commands.Plugins.Json;

/// <summary>One path of <c>plugins validate --json</c>.</summary>
internal sealed record ValidationJson(string Path, bool Valid, string? Name, string? Version, ImmutableArray<ManifestProblemJson> Problems);
