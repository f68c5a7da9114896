namespace Orchestrator.Engine.Runs;

/// <summary>Which runs to list and which page of them.</summary>
public sealed record RunQuery
{
    /// <summary>The largest page a caller may ask for.</summary>
    public const int MaxPageSize = 500;

    /// <summary>Only runs in these states; every state when empty.</summary>
    public IReadOnlyCollection<RunStatus> Statuses { get; init; } = [];

    /// <summary>Only runs started from this workflow.</summary>
    public string? Workflow { get; init; }

    /// <summary>Only runs of this plugin (a workflow run matches when any of its steps runs it).</summary>
    public string? Plugin { get; init; }

    /// <summary>Only runs created at or after this time.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Only runs created before this time.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Runs per page, 1 to <see cref="MaxPageSize"/>.</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>Where the previous page ended; the first page when null.</summary>
    public RunCursor? After { get; init; }
}
