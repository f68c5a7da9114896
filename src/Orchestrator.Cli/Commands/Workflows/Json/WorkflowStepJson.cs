using System.Collections.Immutable;
using System.Text.Json;

namespace Orchestrator.Cli.Commands.Workflows.Json;

/// <summary>
/// A step in <c>workflows show --json</c>: the plugin and versions it asks for, and what the plugin search paths hold:
/// <c>status</c> is <c>loaded</c>, <c>outside_range</c>, <c>not_found</c> or the kind of problem that kept the plugin out.
/// </summary>
internal sealed record WorkflowStepJson(
    string Plugin, string Range, ImmutableSortedDictionary<string, JsonElement> Config, JsonElement? Input, string? FoundVersion, string Status);
