namespace Orchestrator.Bench.Server;

/// <summary>A way to start a one-phase run and to ask whether it has finished.</summary>
internal interface IStarter
{
    string Name { get; }

    Task<string> StartAsync(CancellationToken cancellationToken);

    Task<bool> IsFinishedAsync(string runId, CancellationToken cancellationToken);
}
