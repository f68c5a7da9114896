using Microsoft.Extensions.Options;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Engine.Workspaces;

/// <summary>Where runs keep their files: <c>&lt;data directory&gt;/runs/&lt;run-id&gt;</c>.</summary>
public sealed class WorkspaceLayout
{
    /// <summary>The environment variable that overrides the data directory.</summary>
    public const string DataDirectoryVariable = "ORCHESTRATOR_DATA_DIR";

    public WorkspaceLayout(IOptions<EngineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var environment = EngineEnvironment.Of(options.Value);
        DataDirectory = Path.GetFullPath(options.Value.DataDirectory ?? DefaultDataDirectory(environment));
        RunsDirectory = Path.Combine(DataDirectory, "runs");
    }

    /// <summary>The data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>The directory that holds one workspace per run.</summary>
    public string RunsDirectory { get; }

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

        Directory.Delete(directory, recursive: true);
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
