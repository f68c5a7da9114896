namespace Orchestrator.Sidecar.Configuration;

/// <summary>How the sidecar listens and which backend stores the task hub. Bound from the <c>Sidecar</c> section.</summary>
public sealed class SidecarOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Sidecar";

    /// <summary>The port workers connect to by default (the Durable Task SDK's default).</summary>
    public const int DefaultPort = 4001;

    /// <summary>Backend name: <c>memory</c> or <c>azure-storage</c>.</summary>
    public string Backend { get; set; } = SidecarBackends.Memory;

    /// <summary>IP address to listen on. The protocol has no authentication: keep the loopback default.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free port.</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>Azure Storage connection string (<c>UseDevelopmentStorage=true</c> for Azurite).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Azure Storage task hub name: 3–45 letters and digits, starting with a letter.</summary>
    public string TaskHub { get; set; } = "orchestrator";

    /// <summary>Azure Storage control-queue partitions (1–16); at least the number of sidecars sharing the hub.</summary>
    public int Partitions { get; set; } = 4;

    /// <summary>Longest wait between two polls of an idle Azure Storage queue.</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a dequeued Azure Storage message stays hidden; locks are renewed every third of it.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Work items (orchestration episodes and activities each) the sidecar keeps in flight.</summary>
    public int Concurrency { get; set; } = 1000;

    /// <summary>Upper bound for a graceful stop, connected worker included.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Copies every setting from another instance.</summary>
    /// <param name="other">The source.</param>
    public void CopyFrom(SidecarOptions other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Backend = other.Backend;
        Host = other.Host;
        Port = other.Port;
        ConnectionString = other.ConnectionString;
        TaskHub = other.TaskHub;
        Partitions = other.Partitions;
        PollingInterval = other.PollingInterval;
        VisibilityTimeout = other.VisibilityTimeout;
        Concurrency = other.Concurrency;
        ShutdownTimeout = other.ShutdownTimeout;
    }
}
