using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Cli.Output;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Cli.Commands.Plugins.Json;

internal sealed record PhaseJson(
    string Name,
    string? Description,
    int Order,
    bool Required,
    bool Parallel,
    string? EstimatedTime,
    string? Timeout,
    bool Retryable,
    int MaxRetries,
    string? RetryInterval,
    JsonElement? InputSchema,
    JsonElement? OutputSchema,
    ImmutableDictionary<string, JsonElement> ConfigOverrides,
    bool Approval,
    string? Prompt)
{
    public static PhaseJson From(PhaseManifest phase, PluginManifest plugin) => new(
        phase.Name,
        phase.Description,
        phase.Order,
        phase.Required,
        phase.Parallel,
        DurationText.Format(phase.EstimatedTime),
        DurationText.Format(phase.Timeout),
        phase.Retryable,
        phase.MaxRetries,
        DurationText.Format(phase.RetryInterval),
        phase.InputSchema,
        phase.OutputSchema,
        phase.ConfigOverrides,
        phase.Approval,
        plugin.Prompts.GetValueOrDefault(phase.Name));
}
