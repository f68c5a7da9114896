using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Storage.Sqlite;

/// <summary>
/// The record the owner of a database file keeps beside it (<c>FILE.owner</c>): its process id and, once its sidecar
/// listens, the sidecar's address, so that other commands on the same machine can use that process instead of
/// opening the file themselves. The record is written atomically; the ownership itself is an OS lock on
/// <c>FILE.lock</c>, so a record left by a killed process is recognised as stale.
/// </summary>
/// <param name="DatabasePath">The database file, as a full path.</param>
/// <param name="ProcessId">The owner's process id.</param>
/// <param name="StartedAt">When the owner opened the database.</param>
/// <param name="Address">The owner's sidecar address (e.g. <c>http://127.0.0.1:4001</c>), once it listens; otherwise <c>null</c>.</param>
/// <param name="Role">
/// What the owner is, in its application's words (<see cref="SqliteOrchestrationServiceSettings.OwnerRole"/>, e.g.
/// <c>orchestrator serve</c>), so another process can tell whether it runs a worker; <c>null</c> when it did not say.
/// </param>
public sealed record SqliteDatabaseOwner(string DatabasePath, int ProcessId, DateTimeOffset StartedAt, string? Address, string? Role)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The owner record's path for a database file.</summary>
    /// <param name="databasePath">The database file.</param>
    /// <returns><c>FILE.owner</c>, as a full path.</returns>
    public static string RecordPath(string databasePath) => Path.GetFullPath(databasePath) + ".owner";

    /// <summary>The lock file's path for a database file.</summary>
    /// <param name="databasePath">The database file.</param>
    /// <returns><c>FILE.lock</c>, as a full path.</returns>
    public static string LockPath(string databasePath) => Path.GetFullPath(databasePath) + ".lock";

    /// <summary>Reads the owner record of a database file.</summary>
    /// <param name="databasePath">The database file.</param>
    /// <returns>The record, or <c>null</c> when there is none or it cannot be read (see <see cref="IsAlive"/> for whether it is current).</returns>
    public static SqliteDatabaseOwner? TryRead(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        try
        {
            var record = JsonSerializer.Deserialize<SqliteDatabaseOwner>(File.ReadAllText(RecordPath(databasePath)), JsonOptions);
            return record is { ProcessId: > 0 } ? record : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the owner still holds the database: its process is running (a zombie counts as gone) and the lock file is
    /// locked. A record whose process died (or whose PID was reused by an unrelated process) is stale.
    /// </summary>
    /// <returns><c>true</c> while the owner holds the database.</returns>
    public bool IsAlive() => ProcessIsRunning(ProcessId) && OwnerLock.IsHeld(DatabasePath);

    internal void Write()
    {
        var path = RecordPath(DatabasePath);
        var temporary = string.Create(CultureInfo.InvariantCulture, $"{path}.{Environment.ProcessId}.tmp");
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, JsonOptions));
        File.Move(temporary, path, overwrite: true);
    }

    private static bool ProcessIsRunning(int processId)
    {
        if (OperatingSystem.IsLinux())
        {
            // /proc/PID/stat: "PID (name) STATE ..."; the name may contain spaces and parentheses.
            try
            {
                var stat = File.ReadAllText(string.Create(CultureInfo.InvariantCulture, $"/proc/{processId}/stat"));
                var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ', 2)[0];
                return state is not ("Z" or "X");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
            {
                return false;
            }
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
