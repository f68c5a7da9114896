namespace Orchestrator.Cli.Hosting;

/// <summary>Whether an engine process runs the durable worker on its sidecar.</summary>
internal enum EngineWorker
{
    /// <summary>A client only (<c>runs</c>, <c>run --sidecar</c>, <c>run</c> on the sidecar of a <c>serve</c> or <c>worker</c>).</summary>
    None,

    /// <summary>The sidecar's worker (<c>worker</c>, <c>run</c> with its embedded sidecar).</summary>
    Own,

    /// <summary>
    /// The worker when the sidecar has none yet, else a client only: <c>run</c> on the sidecar of a bare
    /// <c>orchestrator sidecar</c>, which accepts one worker and refuses a second.
    /// </summary>
    IfFree,
}
