namespace Orchestrator.Sidecar.Tests.Infrastructure;

/// <summary>The conformance worker (tests/TestHosts/Orchestrator.TestWorker) as a separate process.</summary>
internal static class WorkerProcess
{
    public static ChildProcess Start(string sidecarAddress) =>
        ChildProcess.StartDotnet(RepoPaths.TestWorkerDll, ["--address", sidecarAddress]);
}
