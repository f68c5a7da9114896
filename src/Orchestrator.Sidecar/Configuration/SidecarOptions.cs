namespace Orchestrator.Sidecar.Configuration;

/// <summary>How the sidecar listens and which backend stores the task hub. Bound from the <c>Sidecar</c> section.</summary>
public sealed class SidecarOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Sidecar";

    /// <summary>The port workers connect to by default (the Durable Task SDK's default).</summary>
    public const int DefaultPort = 4001;

    /// <summary>Backend name: <c>memory</c>, <c>sqlite</c> or <c>azure-storage</c>.</summary>
    public string Backend { get; set; } = SidecarBackends.Memory;

    /// <summary>IP address to listen on. The protocol has no authentication: keep the loopback default.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free port.</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>Azure Storage connection string (<c>UseDevelopmentStorage=true</c> for Azurite).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The sqlite backend's database file (created with its directory when missing). Default
    /// <c>$XDG_DATA_HOME/orchestrator/orchestrator.db</c>, i.e. <c>~/.local/share/orchestrator/orchestrator.db</c>.
    /// </summary>
    public string DatabasePath { get; set; } = DefaultDatabasePath();

    /// <summary>Azure Storage task hub name: 3–45 letters and digits, starting with a letter.</summary>
    public string TaskHub { get; set; } = "orchestrator";

    /// <summary>Azure Storage control-queue partitions (1–16); at least the number of sidecars sharing the hub.</summary>
    public int Partitions { get; set; } = 4;

    /// <summary>
    /// This node's name on an Azure Storage task hub shared by several nodes: the owner of its partition leases
    /// (docs/scale-out.md#node-identity). Default: the machine name. Two running nodes with one id on one hub are refused.
    /// </summary>
    public string WorkerId { get; set; } = Environment.MachineName;

    /// <summary>The default of <see cref="LeaseTimeout"/>: 30 seconds (docs/scale-out.md#lease-and-visibility-timeouts).</summary>
    public static readonly TimeSpan DefaultLeaseTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an Azure Storage partition lease lasts unless renewed (it is renewed, and other nodes look for expired
    /// ones, every third of it): after a node dies its partitions move to the others within about this time plus a third.
    /// </summary>
    public TimeSpan LeaseTimeout { get; set; } = DefaultLeaseTimeout;

    /// <summary>Longest wait between two polls of an idle Azure Storage queue, or of the sqlite database for work this process did not enqueue.</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The default of <see cref="VisibilityTimeout"/>: one minute (docs/sidecar.md#options).</summary>
    public static readonly TimeSpan DefaultVisibilityTimeout = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a dequeued Azure Storage message stays hidden, or a sqlite work item stays locked; locks are renewed
    /// every third of it, and work held by a process that died is picked up again after it. Renewal lets a phase run
    /// longer than this, so it is short: it is how long a crash delays the work in flight.
    /// </summary>
    public TimeSpan VisibilityTimeout { get; set; } = DefaultVisibilityTimeout;

    /// <summary>
    /// The longest the backend takes to hand out again the work of a worker or sidecar that died: the visibility timeout
    /// for the durable backends; none for memory, which hands abandoned work out again at once (and loses everything
    /// when the sidecar itself stops).
    /// </summary>
    public TimeSpan RedeliveryTime => SidecarBackends.SurvivesRestart(Backend) ? VisibilityTimeout : TimeSpan.Zero;

    /// <summary>Work items (orchestration episodes and activities each) the sidecar keeps in flight.</summary>
    public int Concurrency { get; set; } = 1000;

    /// <summary>Upper bound for a graceful stop, connected worker included.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// What the process hosting this sidecar is (e.g. <c>orchestrator serve</c>). The sqlite backend writes it into the
    /// database's owner record, where other commands read whether that process runs a worker
    /// (docs/backends.md#one-owner-per-file). Set by the hosting process, not by configuration; optional.
    /// </summary>
    public string? OwnerRole { get; set; }

    /// <summary>The default database file: <c>$XDG_DATA_HOME/orchestrator/orchestrator.db</c>, else under <c>~/.local/share</c>.</summary>
    /// <returns>The full path.</returns>
    public static string DefaultDatabasePath() =>
        DefaultDatabasePath(Environment.GetEnvironmentVariable("XDG_DATA_HOME"), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>The default database file for the given <c>XDG_DATA_HOME</c> value and home directory.</summary>
    /// <param name="dataHome">The value of <c>XDG_DATA_HOME</c>; ignored unless it is an absolute path (as the XDG spec says).</param>
    /// <param name="homeDirectory">The user's home directory.</param>
    /// <returns>The full path.</returns>
    public static string DefaultDatabasePath(string? dataHome, string homeDirectory)
    {
        if (string.IsNullOrWhiteSpace(dataHome) || !Path.IsPathFullyQualified(dataHome))
        {
            dataHome = Path.Combine(homeDirectory, ".local", "share");
        }

        return Path.Combine(dataHome, "orchestrator", "orchestrator.db");
    }

    /// <summary>Copies every setting from another instance.</summary>
    /// <param name="other">The source.</param>
    public void CopyFrom(SidecarOptions other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Backend = other.Backend;
        Host = other.Host;
        Port = other.Port;
        ConnectionString = other.ConnectionString;
        DatabasePath = other.DatabasePath;
        TaskHub = other.TaskHub;
        Partitions = other.Partitions;
        WorkerId = other.WorkerId;
        LeaseTimeout = other.LeaseTimeout;
        PollingInterval = other.PollingInterval;
        VisibilityTimeout = other.VisibilityTimeout;
        Concurrency = other.Concurrency;
        ShutdownTimeout = other.ShutdownTimeout;
        OwnerRole = other.OwnerRole;
    }
}
