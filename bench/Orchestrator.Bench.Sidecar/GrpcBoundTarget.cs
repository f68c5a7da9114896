using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using Orchestrator.Cli.Hosting;
using Orchestrator.Sidecar.Configuration;
using P = Microsoft.DurableTask.Protobuf;

namespace Orchestrator.Bench.Sidecar;

/// <summary>
/// What the gRPC calls of a run cost with no work behind them: a "run" is as many empty Hello calls to the memory
/// sidecar as a real 3-activity run makes unary calls (start, 4 orchestrator and 3 activity completions, the wait). It
/// leaves out the 7 work items the sidecar streams to the worker and every message's content, so it bounds from above
/// what any sidecar on this protocol and gRPC stack can do (docs/sidecar.md#performance).
/// </summary>
internal sealed class GrpcBoundTarget : ITarget
{
    public const int UnaryCallsPerRun = 9;

    private readonly EmbeddedSidecar _sidecar;
    private readonly GrpcChannel _channel;
    private readonly P.TaskHubSidecarService.TaskHubSidecarServiceClient _client;

    private GrpcBoundTarget(EmbeddedSidecar sidecar)
    {
        _sidecar = sidecar;
        _channel = GrpcChannel.ForAddress(sidecar.Address);
        _client = new P.TaskHubSidecarService.TaskHubSidecarServiceClient(_channel);
    }

    public string Name => "memory gRPC bound, 9 calls/run";

    public string CompletionWait => "none: a run is 9 sequential Hello calls, no orchestration";

    public static async Task<GrpcBoundTarget> StartAsync(CancellationToken cancellationToken) =>
        new(await EmbeddedSidecar.StartAsync(new SidecarOptions(), cancellationToken: cancellationToken));

    public Task RunBatchAsync(int count, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(_ => RunOneAsync(cancellationToken)));

    public async Task RunOneAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < UnaryCallsPerRun; i++)
        {
            await _client.HelloAsync(new Empty(), cancellationToken: cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _sidecar.DisposeAsync();
    }
}
