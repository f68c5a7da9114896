using System.Collections.Immutable;
using Orchestrator.Plugins.Execution;

namespace Orchestrator.Plugins.Loading;

/// <summary>A loaded plugin with its runtime and its prompt texts (read at load, so they belong to the hashed version).</summary>
internal sealed record CatalogEntry(LoadedPlugin Plugin, IPluginRuntime Runtime, ImmutableDictionary<string, string> Prompts);
