namespace Orchestrator.Cli.Tests.Hosting;

/// <summary>
/// The real <c>orchestrator</c> executable exporting over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set
/// (docs/observability.md#sending-traces-to-jaeger-or-the-aspire-dashboard), to a collector endpoint the test runs.
/// </summary>
public sealed class OtlpExportTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly CliSandbox _sandbox = new();
    private readonly string _plugins;

    public OtlpExportTests()
    {
        _plugins = _sandbox.Sub("plugins");
        ScriptPlugin.Write(_plugins, "exported", """
              - name: only
                order: 1
            """, "\"only\"", """
                echo '{"output":"exported done"}'
            """);
    }

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Run_EndpointSet_ExportsTheRunsSpansAndMetrics()
    {
        await using var receiver = await OtlpReceiver.StartAsync();

        var result = await RunAsync(
            new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint, ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf", ["OTEL_SERVICE_NAME"] = "orchestrator-test" },
            "run", "exported", "--run-id", "otlp-1");

        result.ExitCode.ShouldBe(0, result.ToString());
        var traces = receiver.Received("/v1/traces");
        traces.ShouldContain("run exported");
        traces.ShouldContain("phase exported.only");
        traces.ShouldContain("otlp-1");
        traces.ShouldContain("orchestrator-test", customMessage: "OTEL_SERVICE_NAME names the service");
        traces.ShouldContain("orchestration:orchestrator.run", customMessage: "the Durable Task SDK's spans are exported too");
        var metrics = receiver.Received("/v1/metrics");
        metrics.ShouldContain("orchestrator.runs.completed");
        metrics.ShouldContain("orchestrator.phase.duration");
    }

    [Theory]
    [InlineData("not-a-url")]
    [InlineData("ftp://collector:4317")]
    public async Task Run_EndpointNotAnHttpAddress_FailsSayingWhatToSet(string endpoint)
    {
        var result = await RunAsync(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint }, "run", "exported", "--run-id", "otlp-3");

        result.ExitCode.ShouldBe(OrchestratorCli.Failure, result.ToString());
        result.Error.ShouldContain($"OTEL_EXPORTER_OTLP_ENDPOINT is '{endpoint}', which is not an http:// or https:// address; set it to the collector's OTLP endpoint");
        result.Output.ShouldNotContain("exported done");
    }

    private async Task<CliResult> RunAsync(Dictionary<string, string> environment, params string[] args)
    {
        var executable = Path.Combine(AppContext.BaseDirectory, "orchestrator");
        environment["HOME"] = _sandbox.Home;
        environment["XDG_DATA_HOME"] = Path.Combine(_sandbox.Home, ".local", "share");
        environment["XDG_DATA_DIRS"] = Path.Combine(_sandbox.Root, "system");
        var result = await ChildProcess.RunAsync(
            executable, [.. args, "--plugins", _plugins], Deadline, environment, _sandbox.Current, unset: ["ORCHESTRATOR_PLUGIN_PATH", .. Inherited(environment)]);
        return new CliResult(result.ExitCode, result.StandardOutput, result.StandardError);
    }

    // An OTLP setting of the machine running the tests must not reach the child unless the test sets it.
    private static IEnumerable<string> Inherited(Dictionary<string, string> environment) =>
        System.Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.StartsWith("OTEL_", StringComparison.Ordinal) && !environment.ContainsKey(k));
}
