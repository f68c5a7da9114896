namespace Orchestrator.Storage.Sqlite;

/// <summary>Settings of a <see cref="SqliteOrchestrationService"/>.</summary>
public sealed class SqliteOrchestrationServiceSettings
{
    /// <summary>The database file. Its directory is created when missing. Required.</summary>
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>
    /// How long a locked orchestration or activity work item stays locked without renewal. When the holder dies its
    /// work is picked up again after this time. Default 2 minutes; at least 1 second.
    /// </summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Orchestration work items a DTFx worker runs at once. Default 100.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 100;

    /// <summary>Activity work items a DTFx worker runs at once. Default 100.</summary>
    public int MaxConcurrentActivities { get; set; } = 100;

    /// <summary>
    /// Longest wait before an idle dispatcher looks at the database again. Work enqueued through this service wakes
    /// the dispatcher at once and timers wake it at their due time; the poll only covers expired locks of a previous
    /// owner and abandoned work being retried. Default 1 second.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How commits are made durable; see <see cref="SqliteSynchronousMode"/>. Default <see cref="SqliteSynchronousMode.Normal"/>.</summary>
    public SqliteSynchronousMode Synchronous { get; set; } = SqliteSynchronousMode.Normal;

    /// <summary>
    /// Serialized events, inputs, outputs and custom status longer than this many characters are stored in the
    /// payloads table, apart from the rows the dispatchers scan. Default 8,192.
    /// </summary>
    public int PayloadThreshold { get; set; } = 8 * 1024;

    /// <summary>How long a write waits for another connection's write lock before failing. Default 30 seconds.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Instances removed per transaction by a purge, so a large purge never holds the writer long. Default 500.</summary>
    public int PurgeBatchSize { get; set; } = 500;

    /// <summary>
    /// What this process is, in the application's words (e.g. <c>orchestrator serve</c>): written into the owner record
    /// (<see cref="SqliteDatabaseOwner.Role"/>) and named when a second opener is refused. Optional.
    /// </summary>
    public string? OwnerRole { get; set; }

    /// <summary>Lists what is wrong with the settings (empty when they are usable).</summary>
    /// <returns>One message per problem, naming the setting.</returns>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(DatabasePath))
        {
            yield return "DatabasePath is required: the SQLite database file to use (it is created when missing).";
        }

        if (LockTimeout < TimeSpan.FromSeconds(1))
        {
            yield return $"LockTimeout {LockTimeout} is too short: use at least 1 second.";
        }

        if (MaxConcurrentOrchestrations < 1 || MaxConcurrentActivities < 1)
        {
            yield return "MaxConcurrentOrchestrations and MaxConcurrentActivities must be at least 1.";
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            yield return $"PollInterval {PollInterval} must be positive.";
        }

        if (!Enum.IsDefined(Synchronous))
        {
            yield return $"Synchronous {(int)Synchronous} is not a mode: use Normal or Full.";
        }

        if (PayloadThreshold < 0)
        {
            yield return $"PayloadThreshold {PayloadThreshold} must not be negative.";
        }

        if (BusyTimeout < TimeSpan.Zero)
        {
            yield return $"BusyTimeout {BusyTimeout} must not be negative.";
        }

        if (PurgeBatchSize < 1)
        {
            yield return $"PurgeBatchSize {PurgeBatchSize} must be at least 1.";
        }
    }

    internal SqliteOrchestrationServiceSettings Validated()
    {
        var problems = Problems().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid SQLite storage settings: " + string.Join(" ", problems));
        }

        return new SqliteOrchestrationServiceSettings
        {
            DatabasePath = Path.GetFullPath(DatabasePath),
            LockTimeout = LockTimeout,
            MaxConcurrentOrchestrations = MaxConcurrentOrchestrations,
            MaxConcurrentActivities = MaxConcurrentActivities,
            PollInterval = PollInterval,
            Synchronous = Synchronous,
            PayloadThreshold = PayloadThreshold,
            BusyTimeout = BusyTimeout,
            PurgeBatchSize = PurgeBatchSize,
            OwnerRole = OwnerRole,
        };
    }
}
