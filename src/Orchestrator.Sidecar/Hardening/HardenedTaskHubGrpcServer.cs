using DurableTask.Core;
using Grpc.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using P = Microsoft.DurableTask.Protobuf;

namespace Orchestrator.Sidecar.Hardening;

/// <summary>
/// The vendored gRPC server with the fixes that belong to the gRPC side (docs/sidecar.md#hardening: defects 1, 6, 7 and
/// 8, and waits on lost instances).
/// </summary>
internal sealed class HardenedTaskHubGrpcServer : TaskHubGrpcServer
{
    private readonly IHostApplicationLifetime _lifetime;
    private readonly IOrchestrationServiceClient _client;
    private readonly ILogger _logger;
    private readonly ContinueAsNewCarryover _carryover = new();

    public HardenedTaskHubGrpcServer(
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggerFactory,
        IOrchestrationService service,
        IOrchestrationServiceClient client,
        IOptions<TaskHubGrpcServerOptions> options)
        : base(lifetime, loggerFactory, service, client, options)
    {
        PendingWorkItems.EnsureAvailable();
        _lifetime = lifetime;
        _client = client;
        _logger = loggerFactory.CreateLogger<HardenedTaskHubGrpcServer>();
    }

    public override async Task GetWorkItems(
        P.GetWorkItemsRequest request, IServerStreamWriter<P.WorkItem> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Defect 6 (docs/sidecar.md#6-slow-shutdown): end the stream when the host stops, so shutdown does not wait for the drain timeout.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _lifetime.ApplicationStopping);
        var refused = false;
        try
        {
            await base.GetWorkItems(request, responseStream, new StoppingCallContext(context, stopping.Token));
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted)
        {
            // A second worker was turned away ("Another client is already connected"): it holds no work items,
            // and the connected worker's must not be touched.
            refused = true;
            _logger.SecondWorkerRejected(context.Peer);
            throw;
        }
        finally
        {
            if (!refused)
            {
                _carryover.Clear();

                // Defect 1 (docs/sidecar.md#1-a-worker-crash-hangs-the-run): the worker is gone; fail what it held so the dispatcher abandons and redelivers it.
                var failed = PendingWorkItems.FailAll(this, new RpcException(new Status(StatusCode.Unavailable, "The worker disconnected before completing the work item.")));
                if (failed > 0)
                {
                    _logger.AbandonedOnDisconnect(failed);
                }
            }
        }
    }

    public override async Task<P.GetInstanceResponse> WaitForInstanceCompletion(P.GetInstanceRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);

        // The stock server waits forever on an instance that does not exist (e.g. lost with a restarted memory
        // backend); answer NotFound instead so the waiting client gets an error, not a hang.
        if (await _client.GetOrchestrationStateAsync(request.InstanceId, executionId: null) is null)
        {
            throw new RpcException(new Status(
                StatusCode.NotFound,
                $"Orchestration instance '{request.InstanceId}' does not exist: it was never started, was purged, or was lost when an in-memory sidecar restarted."));
        }

        return await WithFailureDetailsAsync(request, await base.WaitForInstanceCompletion(request, context));
    }

    // Defect 7 (docs/sidecar.md#7-failed-instances-lose-their-failure-details): failed instances come with their failure details.
    public override async Task<P.GetInstanceResponse> GetInstance(P.GetInstanceRequest request, ServerCallContext context) =>
        await WithFailureDetailsAsync(request, await base.GetInstance(request, context));

    public override async Task<P.GetInstanceResponse> WaitForInstanceStart(P.GetInstanceRequest request, ServerCallContext context) =>
        await WithFailureDetailsAsync(request, await base.WaitForInstanceStart(request, context));

    public override async Task<P.QueryInstancesResponse> QueryInstances(P.QueryInstancesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await base.QueryInstances(request, context);
        if (request.Query?.FetchInputsAndOutputs == true)
        {
            foreach (var state in response.OrchestrationState)
            {
                await FailureDetailsRepair.FillAsync(_client, state);
            }
        }

        return response;
    }

    // Defect 8 (docs/sidecar.md#8-continue-as-new-drops-the-events-it-carries-over): events carried over by continue-as-new reach the next generation.
    public override Task<P.CompleteTaskResponse> CompleteOrchestratorTask(P.OrchestratorResponse request, ServerCallContext context) =>
        _carryover.Accept(request) is { } whole ? base.CompleteOrchestratorTask(whole, context) : Task.FromResult(new P.CompleteTaskResponse());

    private async Task<P.GetInstanceResponse> WithFailureDetailsAsync(P.GetInstanceRequest request, P.GetInstanceResponse response)
    {
        if (request.GetInputsAndOutputs && response.Exists)
        {
            await FailureDetailsRepair.FillAsync(_client, response.OrchestrationState);
        }

        return response;
    }
}
