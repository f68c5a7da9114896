using Microsoft.Extensions.Options;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Engine.Workspaces;

/// <summary>Where runs keep their files: <c>&lt;data directory&gt;/runs/&lt;run-id&gt;</c>.</summary>
public sealed class WorkspaceLayout : IDisposable
{
    /// <summary>The environment variable that overrides the data directory.</summary>
    public const string DataDirectoryVariable = "ORCHESTRATOR_DATA_DIR";

    private readonly EngineOptions _options;
    private readonly MemoryRunLedger? _ledger;

    public WorkspaceLayout(IOptions<EngineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        var environment = EngineEnvironment.Of(options.Value);
        DataDirectory = Path.GetFullPath(options.Value.DataDirectory ?? DefaultDataDirectory(environment));
        RunsDirectory = Path.Combine(DataDirectory, "runs");
        MemoryRunsDirectory = Path.Combine(DataDirectory, MemoryRunLedger.FolderName);
        if (RunMarker.IsMemoryBackend(_options.Backend))
        {
            _ledger = new MemoryRunLedger(MemoryRunsDirectory, new RunMarker(_options.Backend!, OwnerProcess.Current, _options.ProcessKind));
        }
    }

    /// <summary>The data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>The directory that holds one workspace per run.</summary>
    public string RunsDirectory { get; }

    /// <summary>Where processes on the in-memory backend record their runs (<see cref="MemoryRunLedger"/>).</summary>
    public string MemoryRunsDirectory { get; }

    /// <summary>How long a finished run's workspace is kept (<see cref="EngineOptions.Retention"/>).</summary>
    public TimeSpan Retention => _options.Retention;

    /// <summary>
    /// The workspace of a run this process starts. The directory itself is made when something first needs it (a phase
    /// reading <c>PhaseRequest.WorkingDirectory</c>, a value stored by reference, a retry's copied files): creating a
    /// directory costs more than the rest of a start on some file systems, and most phases write no file. An in-memory
    /// run is recorded in this process's <see cref="MemoryRunLedger"/>, so that another process can tell it was lost with
    /// its process; it never takes over a workspace that is already there unless an in-memory run had it: it may be a
    /// durable run's, which must never look lost. A durable run that takes the id of a recorded in-memory run claims it.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="generated">
    /// Whether the id is one <see cref="RunIds.New"/> made, which no run had before: only a given id (a caller's, a
    /// retry's) is looked up.
    /// </param>
    public string ForNewRun(string runId, bool generated)
    {
        var directory = RunDirectory(runId);
        if (_ledger is not null)
        {
            if (!generated && Directory.Exists(directory) && MemoryRunLedger.Find(MemoryRunsDirectory, runId) is null)
            {
                return directory;
            }

            _ledger.Started(runId, DateTimeOffset.UtcNow);
        }
        else if (!generated && MemoryRunLedger.Find(MemoryRunsDirectory, runId) is not null)
        {
            // An in-memory run lost with this id: unclaimed, this durable run's workspace would look lost.
            MemoryRunLedger.Claim(MemoryRunsDirectory, runId, DateTimeOffset.UtcNow);
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

    /// <summary>Deletes a purged run's workspace; true when there was one.</summary>
    public bool Delete(string runId)
    {
        var directory = RunDirectory(runId);
        _ledger?.Purged(runId, DateTimeOffset.UtcNow);
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

    /// <summary>Drops the runs purged since they started from this process's ledger once they are half of it (<see cref="MemoryRunLedger.Compact"/>).</summary>
    public void CompactMemoryRuns() => _ledger?.Compact();

    public void Dispose() => _ledger?.Dispose();

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
