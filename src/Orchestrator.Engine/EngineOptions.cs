namespace Orchestrator.Engine;

/// <summary>Settings of the durable engine: where runs keep their files, how long finished runs are kept.</summary>
public sealed class EngineOptions
{
    /// <summary>The configuration section these options bind to (for example <c>Engine:Retention</c>).</summary>
    public const string SectionName = "Engine";

    /// <summary>
    /// The data directory; runs live in <c>runs/&lt;run-id&gt;</c> under it. Null means ORCHESTRATOR_DATA_DIR, else
    /// <c>$XDG_DATA_HOME/orchestrator</c>, else <c>~/.local/share/orchestrator</c>.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>How long a completed, failed or terminated run is kept before the purge job removes it.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the purge job runs.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How often a worker asks the run store which plugin versions its unfinished runs pin, and lets the catalog
    /// collect the replaced versions none pins (docs/writing-plugins.md#runs-in-flight).
    /// </summary>
    public TimeSpan PluginCollectionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether the host runs the retention purge job (the worker does; a pure client does not).</summary>
    public bool EnableRetention { get; set; } = true;

    /// <summary>The default of <see cref="Redelivery"/>: the sidecar's default visibility timeout (docs/sidecar.md#options).</summary>
    public static readonly TimeSpan DefaultRedelivery = TimeSpan.FromMinutes(1);

    /// <summary>Extra time the orchestrator's backstop timer waits beyond a phase timeout before it gives the attempt up.</summary>
    public TimeSpan TimeoutMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest the sidecar's backend takes to hand out again a phase attempt whose worker died: its visibility (or
    /// lock) timeout. The backstop timer of a phase with a timeout waits for it and for the redelivered attempt, so a
    /// crash never fails a phase whose attempt the backend still redelivers (docs/running-workflows.md#crashes-and-resuming).
    /// With an embedded sidecar it is set from the sidecar's settings; with an external one it should be that sidecar's
    /// <c>--visibility-timeout</c>.
    /// </summary>
    public TimeSpan Redelivery { get; set; } = DefaultRedelivery;

    /// <summary>
    /// The backend of the sidecar this process embeds (<c>memory</c>, <c>sqlite</c>, <c>azure-storage</c>); null with
    /// an external sidecar, whose backend this process cannot see. A run started here records it in its workspace, and
    /// on <c>memory</c> the workspaces of runs lost when their process stopped are removed
    /// (docs/running-workflows.md#crashes-and-resuming).
    /// </summary>
    public string? Backend { get; set; }

    /// <summary>The default of <see cref="PayloadThreshold"/>: 64 KiB.</summary>
    public const long DefaultPayloadThreshold = 64 * 1024;

    /// <summary>The default of <see cref="MaxPayload"/>: 64 MiB.</summary>
    public const long DefaultMaxPayload = 64 * 1024 * 1024;

    /// <summary>
    /// A phase output or metadata value whose JSON is longer than this many bytes is kept in the run's workspace and the
    /// run's history carries a reference to it (docs/running-workflows.md#large-outputs-and-limits).
    /// </summary>
    public long PayloadThreshold { get; set; } = DefaultPayloadThreshold;

    /// <summary>The most bytes of JSON one phase output or metadata value may have; a longer one fails the phase, naming this limit.</summary>
    public long MaxPayload { get; set; } = DefaultMaxPayload;

    /// <summary>What this process is, as messages name it (e.g. <c>orchestrator serve</c>); null when unknown.</summary>
    public string? ProcessKind { get; set; }

    /// <summary>Directories searched for workflow files first (highest precedence first).</summary>
    public IList<string> WorkflowPaths { get; } = [];

    /// <summary>Environment used to resolve XDG paths and to check api_keys; the process environment when null.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; set; }

    /// <summary>The current directory for <c>./workflows</c>; the process's when null.</summary>
    public string? CurrentDirectory { get; set; }

    /// <summary>The default of <see cref="ScheduleMissedAfter"/>.</summary>
    public static readonly TimeSpan DefaultScheduleMissedAfter = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether this process keeps the workflows' schedules: starts, updates and stops their orchestrations as workflow
    /// files come, change and go (docs/schedules.md#who-keeps-the-schedules). <c>serve</c> and <c>worker</c> do.
    /// </summary>
    public bool KeepSchedules { get; set; }

    /// <summary>How often the workflow files are read again to reconcile the schedules with them.</summary>
    public TimeSpan ScheduleReconcileInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A fire that a schedule reaches later than this (its worker was down) counts as missed, which <c>catchup</c> decides about.</summary>
    public TimeSpan ScheduleMissedAfter { get; set; } = DefaultScheduleMissedAfter;
}
