using System.Collections.Immutable;

namespace Orchestrator.Cli.Commands.Plugins.Json;

/// <summary><c>plugins list --json</c>: loaded plugins (and, with <c>--all</c>, the ones not loaded) and the problems.</summary>
internal sealed record PluginListJson(ImmutableArray<PluginSummaryJson> Plugins, ImmutableArray<ProblemJson> Problems);
