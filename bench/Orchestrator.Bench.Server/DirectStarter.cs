using Orchestrator.Engine.Runs;

namespace Orchestrator.Bench.Server;

/// <summary>The baseline: the same runs through <see cref="RunService"/> (the Durable Task client) in the server's process.</summary>
internal sealed class DirectStarter(RunService runs) : IStarter
{
    public string Name => "direct";

    public Task<string> StartAsync(CancellationToken cancellationToken) =>
        runs.StartAsync(new RunRequest { Target = "noop" }, cancellationToken);

    public async Task<bool> IsFinishedAsync(string runId, CancellationToken cancellationToken) =>
        (await runs.GetAsync(runId, cancellationToken))?.IsTerminal ?? throw new InvalidOperationException($"run {runId} vanished");
}
