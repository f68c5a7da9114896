using Microsoft.Extensions.Options;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Engine.Workspaces;

/// <summary>Where runs keep their files: <c>&lt;data directory&gt;/runs/&lt;run-id&gt;</c>.</summary>
public sealed class WorkspaceLayout
{
    /// <summary>The environment variable that overrides the data directory.</summary>
    public const string DataDirectoryVariable = "ORCHESTRATOR_DATA_DIR";

    private readonly EngineOptions _options;

    public WorkspaceLayout(IOptions<EngineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        var environment = EngineEnvironment.Of(options.Value);
        DataDirectory = Path.GetFullPath(options.Value.DataDirectory ?? DefaultDataDirectory(environment));
        RunsDirectory = Path.Combine(DataDirectory, "runs");
        LostRunsDirectory = Path.Combine(DataDirectory, "lost-runs");
    }

    /// <summary>The data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>The directory that holds one workspace per run.</summary>
    public string RunsDirectory { get; }

    /// <summary>
    /// Where the markers of runs lost with the in-memory backend are kept once their workspaces are removed
    /// (<c>&lt;data directory&gt;/lost-runs/&lt;run-id&gt;.json</c>), so a look-up can still say what became of them.
    /// </summary>
    public string LostRunsDirectory { get; }

    /// <summary>Where the marker of a lost run whose workspace was removed is kept.</summary>
    public string LostRunMarker(string runId)
    {
        RunIds.Check(runId);
        return Path.Combine(LostRunsDirectory, runId + ".json");
    }

    /// <summary>
    /// The workspace of a run this process starts. The directory itself is made when something first needs it (a phase
    /// reading <c>PhaseRequest.WorkingDirectory</c>, a value stored by reference, a retry's copied files): creating a
    /// directory costs more than the rest of a start on some file systems, and most phases write no file. Only an
    /// in-memory run marks its workspace at once (<see cref="RunMarker"/>), so that another process can tell it was lost
    /// with its process; it never takes over a workspace that is already there unless an in-memory run marked it: it may
    /// be a durable run's, which must never look lost.
    /// </summary>
    public string ForNewRun(string runId)
    {
        var directory = RunDirectory(runId);
        var path = RunMarker.PathIn(directory);
        if (RunMarker.IsMemoryBackend(_options.Backend))
        {
            var existed = Directory.Exists(directory);
            Directory.CreateDirectory(directory);
            if (existed && RunMarker.TryRead(path) is not { IsMemory: true })
            {
                return directory;
            }

            new RunMarker(_options.Backend!, OwnerProcess.Current, _options.ProcessKind).Write(path);
        }
        else if (File.Exists(path))
        {
            // Left by an in-memory run lost with this id: kept, it would make this durable run's workspace look lost.
            File.Delete(path);
        }

        // A run lost with the in-memory backend may have had this id; this run is not that one.
        var lost = LostRunMarker(runId);
        if (File.Exists(lost))
        {
            File.Delete(lost);
        }

        return directory;
    }

    /// <summary>The workspace of a run.</summary>
    /// <exception cref="ArgumentException">The run id could escape the runs directory.</exception>
    public string RunDirectory(string runId)
    {
        RunIds.Check(runId);
        return Path.Combine(RunsDirectory, runId);
    }

    /// <summary>Deletes a run's workspace; true when there was one.</summary>
    public bool Delete(string runId)
    {
        var directory = RunDirectory(runId);
        if (!Directory.Exists(directory))
        {
            return false;
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Another node sharing the data directory purged the run at the same time (docs/scale-out.md#topology).
            return false;
        }
        finally
        {
            Payloads.SharedContextStore.Forget(directory);
        }

        return true;
    }

    private static string DefaultDataDirectory(IReadOnlyDictionary<string, string> environment)
    {
        if (environment.TryGetValue(DataDirectoryVariable, out var explicitDir) && explicitDir.Length > 0)
        {
            return explicitDir;
        }

        if (environment.TryGetValue("XDG_DATA_HOME", out var dataHome) && Path.IsPathFullyQualified(dataHome))
        {
            return Path.Combine(dataHome, "orchestrator");
        }

        var home = environment.TryGetValue("HOME", out var h) && h.Length > 0
            ? h
            : System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".local", "share", "orchestrator");
    }
}
