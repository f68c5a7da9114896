using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Engine.Orchestrations;
using Orchestrator.Engine.Workflows;

namespace Orchestrator.Engine.Runs;

/// <summary>A run request that passed every check, resolved to what it executes (<see cref="RunPlanner.Prepare"/>).</summary>
/// <param name="RunId">The run's id (the one requested, or a new one).</param>
/// <param name="Workflow">The workflow it runs; null for a plugin run.</param>
/// <param name="Input">The run input: the request's over the workflow's defaults.</param>
/// <param name="Steps">One plugin run per step (one for a plugin run), without a workspace yet.</param>
public sealed record PreparedRun(string RunId, WorkflowDefinition? Workflow, JsonElement? Input, ImmutableArray<RunInput> Steps);
