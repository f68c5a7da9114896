namespace Orchestrator.Engine.Tests.Telemetry;

/// <summary>
/// The telemetry tests run alone, after the parallel tests. Their meter provider listens to every meter named
/// <c>Orchestrator.Engine</c> in the process, and OpenTelemetry exports the instruments of equal name from all of them
/// as one stream: when another test class's engine host is disposed, its meter ends that stream, and this host's later
/// measurements are exported no more (an <c>in_flight</c> gauge read 1 after the run it counted had ended).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry";
}
