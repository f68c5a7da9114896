using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Cli.Commands.Plugins.Json;

namespace Orchestrator.Cli.Commands.Workflows.Json;

/// <summary><c>workflows show NAME --json</c>.</summary>
internal sealed record WorkflowDetailJson(
    string Name,
    string? Description,
    string? Version,
    double? RetentionSeconds,
    JsonElement? Input,
    ImmutableArray<WorkflowStepJson> Steps,
    string Path,
    ImmutableArray<string> Shadowed,
    ImmutableArray<ManifestProblemJson> Problems);
