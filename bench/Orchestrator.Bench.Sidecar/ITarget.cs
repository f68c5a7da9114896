namespace Orchestrator.Bench.Sidecar;

/// <summary>Something that runs the 3-activity no-op orchestration.</summary>
internal interface ITarget : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Starts <paramref name="count"/> runs at once and returns when all have completed.</summary>
    Task RunBatchAsync(int count, CancellationToken cancellationToken);

    /// <summary>Runs one orchestration start to finish.</summary>
    Task RunOneAsync(CancellationToken cancellationToken);

    /// <summary>How the client learns that a run completed (printed under the results), when the target says.</summary>
    string? CompletionWait => null;
}
