using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Orchestrator.Contracts;
using Orchestrator.Engine.Runs;
using Orchestrator.Server.Hosting;
using Orchestrator.Server.Problems;

namespace Orchestrator.Server.Endpoints;

/// <summary>
/// <c>GET /api/runs/{id}/events</c>: server-sent events. A <c>progress</c> event carries the run each time its status or
/// progress changes; a final <c>end</c> event carries the finished run, then the stream closes.
/// </summary>
internal static class RunEventStream
{
    public const string ProgressEvent = "progress";
    public const string EndEvent = "end";

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/runs/{id}/events", StreamAsync)
            .WithName("StreamRunEvents").WithSummary("The run's progress as server-sent events until it ends ('progress' events, then one 'end')")
            .WithDescription("Each event's data is the run as JSON (a RunRecord): a 'progress' event each time its status or progress changes, then one 'end' event with the finished run; then the stream closes.")
            .Produces<string>(200, "text/event-stream").ApiProblems(404);

    private static async Task<IResult> StreamAsync(string id, RunService runs, IOptions<ServerOptions> options, CancellationToken cancellationToken)
    {
        var first = await runs.GetAsync(id, cancellationToken) ?? throw runs.RunNotFound(id);
        return TypedResults.ServerSentEvents(EventsAsync(first, runs, options.Value.EventPollInterval, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<string>> EventsAsync(
        RunRecord first, RunService runs, TimeSpan interval, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var run = first;
        string? last = null;
        while (true)
        {
            var json = JsonSerializer.Serialize(run, ContractJson.Options);
            var fingerprint = JsonSerializer.Serialize(run with { LastUpdatedAt = default }, ContractJson.Options);
            if (run.IsTerminal)
            {
                yield return new SseItem<string>(json, EndEvent);
                yield break;
            }

            if (fingerprint != last)
            {
                last = fingerprint;
                yield return new SseItem<string>(json, ProgressEvent);
            }

            await Task.Delay(interval, cancellationToken);
            if (await runs.GetAsync(run.RunId, cancellationToken) is not { } next)
            {
                // Purged while watched: nothing more will happen to it.
                yield break;
            }

            run = next;
        }
    }
}
