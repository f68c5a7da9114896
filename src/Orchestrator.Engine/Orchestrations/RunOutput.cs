using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Abstractions.Context;

namespace Orchestrator.Engine.Orchestrations;

/// <summary>What a completed run returns: the shared data with every phase's output, and the artifacts produced.</summary>
public sealed record RunOutput
{
    public required SharedData SharedData { get; init; }

    /// <summary>The run's working directory, which the artifact paths are relative to.</summary>
    public string? Workspace { get; init; }

    /// <summary>Files produced by the phases, relative to the workspace, in the order they were reported.</summary>
    public ImmutableArray<string> Artifacts { get; init; } = [];

    /// <summary>The output of the last phase that produced one; a workflow step hands it to the next step as input.</summary>
    public JsonElement? Result { get; init; }

    /// <summary>For a workflow with steps: each step's run output, in order.</summary>
    public ImmutableArray<StepOutput> Steps { get; init; } = [];
}
