using System.Collections.Immutable;
using Orchestrator.Cli.Commands.Plugins.Json;

namespace Orchestrator.Cli.Commands.Workflows.Json;

/// <summary><c>workflows list --json</c>.</summary>
internal sealed record WorkflowListJson(ImmutableArray<WorkflowJson> Workflows, ImmutableArray<ManifestProblemJson> Problems);
