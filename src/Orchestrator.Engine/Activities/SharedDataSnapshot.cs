using Orchestrator.Abstractions.Context;

namespace Orchestrator.Engine.Activities;

/// <summary>A failed run's shared data, to be kept in its workspace (see <see cref="SaveSharedDataActivity"/>).</summary>
/// <param name="Workspace">The run's working directory.</param>
/// <param name="RunId">The run (or workflow step run) the data belongs to.</param>
/// <param name="SharedData">
/// The shared data as it was when the run failed; when <see cref="Context"/> is given, only its errors and metrics: the
/// phase outputs and metadata are read from the workspace, so that the message stays small however many phases ran.
/// </param>
public sealed record SharedDataSnapshot(string Workspace, string RunId, SharedData SharedData)
{
    /// <summary>Where the phase outputs and metadata are stored in the workspace (see <see cref="Payloads.PhaseContextInput"/>).</summary>
    public Payloads.PhaseContextInput? Context { get; init; }

    /// <summary>The workspace folder the engine keeps its own files in.</summary>
    public const string EngineFolder = ".orchestrator";

    /// <summary>Where the snapshot of <paramref name="runId"/> lives in <paramref name="workspace"/>.</summary>
    public static string PathFor(string workspace, string runId) =>
        Path.Combine(workspace, EngineFolder, $"shared-data.{runId.Replace(':', '_')}.json");
}
