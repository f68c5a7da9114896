using System.Text.Json;
using Microsoft.DurableTask;
using Orchestrator.Abstractions;
using Orchestrator.Engine.Payloads;

namespace Orchestrator.Engine.Activities;

/// <summary>
/// Saves a failed run's shared data to <c>&lt;workspace&gt;/.orchestrator/shared-data.&lt;run-id&gt;.json</c> when it is too
/// big for the run's status, and answers the file's path. The file is written whole to a temporary name and then
/// renamed, so a reader never sees half of it; it goes with the workspace when the run is purged.
/// </summary>
public sealed class SaveSharedDataActivity : TaskActivity<SharedDataSnapshot, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, SharedDataSnapshot input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shared = input.SharedData;
        if (input.Context is { } stored)
        {
            var view = SharedContextStore.Build(input.Workspace, stored).View;
            shared = shared with { PhaseOutputs = view.PhaseOutputs, Metadata = view.Metadata };
        }

        var path = SharedDataSnapshot.PathFor(input.Workspace, input.RunId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await JsonSerializer.SerializeAsync(stream, shared, OrchestratorJson.Options);
            }

            File.Move(temporary, path, overwrite: true);
            return path;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
