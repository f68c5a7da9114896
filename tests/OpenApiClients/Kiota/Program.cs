// Drives `orchestrator serve` through the client Kiota generated from its OpenAPI document: reads two problem answers
// (one listing several errors), starts a workflow run, follows it until its approval phase waits, approves it, follows it to the end, lists it and
// reads its result. Prints one line per step for KiotaClientTests to check; anything unexpected throws (exit code 1).
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Orchestrator.Client;
using Orchestrator.Client.Api.Runs;
using Orchestrator.Client.Models;

if (args.Length != 5)
{
    Console.Error.WriteLine("usage: KiotaCheck BASE_URL API_KEY WORKFLOW RUN_ID PREMISE");
    return 2;
}

var (baseUrl, apiKey, workflow, runId, premise) = (args[0], args[1], args[2], args[3], args[4]);
// The API key goes in a default header: Kiota's ApiKeyAuthenticationProvider sends keys over https only, and the server
// under test listens on plain http on loopback.
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
var client = new OrchestratorClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = baseUrl });
var run = client.Api.Runs[runId];

try
{
    await client.Api.Runs["no-such-run"].GetAsync();
    throw new InvalidOperationException("GET /api/runs/no-such-run answered a run");
}
catch (ApiProblem problem)
{
    Console.WriteLine($"problem {problem.Status} {problem.Title}: {problem.Detail} (errors: {problem.Errors?.Count})");
}

try
{
    await client.Api.Runs.GetAsync(c =>
    {
        c.QueryParameters.PageSize = 0;
        c.QueryParameters.CreatedFrom = DateTimeOffset.UtcNow;
        c.QueryParameters.CreatedTo = DateTimeOffset.UtcNow.AddDays(-1);
    });
    throw new InvalidOperationException("GET /api/runs with page_size=0 and an empty time window answered a page");
}
catch (ApiProblem problem)
{
    Console.WriteLine($"invalid {problem.Status}: {string.Join(" | ", problem.Errors ?? [])}");
}

var input = new UntypedObject(new Dictionary<string, UntypedNode> { ["premise"] = new UntypedString(premise) });
var started = await run.PutAsync(new PutRunBody { Workflow = workflow, Input = input }) ?? throw new InvalidOperationException("PUT answered no run");
Console.WriteLine($"started {started.RunId} {started.Status}");

var waiting = await FollowAsync(r => r.Progress?.WaitingForApproval is not null, "its approval phase waiting");
Console.WriteLine($"waiting {waiting.Progress!.WaitingForApproval}");

var approved = await run.Approve.PostAsync(new ApproveBody()) ?? throw new InvalidOperationException("approve answered no run");
Console.WriteLine($"approved {approved.RunId}");

var done = await FollowAsync(r => r.IsTerminal == true, "the end");
Console.WriteLine($"finished {done.Status}");
Console.WriteLine($"phases {string.Join(",", done.Progress?.Completed?.Select(p => $"{p.Phase}:{p.Attempts}") ?? [])}");
Console.WriteLine($"outputs {string.Join(",", (done.Output?.SharedData?.PhaseOutputs?.AdditionalData.Keys ?? []).Order(StringComparer.Ordinal))}");
Console.WriteLine($"artifacts {string.Join(",", done.Output?.Artifacts ?? [])}");

var listed = await client.Api.Runs.GetAsync(c =>
{
    c.QueryParameters.Workflow = workflow;
    c.QueryParameters.Status = [GetStatusQueryParameterType.Completed];
    c.QueryParameters.PageSize = 500;
});
Console.WriteLine($"listed {listed?.Runs?.Any(r => r.RunId == runId) == true}");
return 0;

async Task<RunRecord> FollowAsync(Func<RunRecord, bool> reached, string what)
{
    var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
    while (true)
    {
        var current = await run.GetAsync() ?? throw new InvalidOperationException($"GET /api/runs/{runId} answered no run");
        if (reached(current))
        {
            return current;
        }

        if (current.IsTerminal == true)
        {
            throw new InvalidOperationException($"run {runId} ended ({current.Status}: {current.Failure}) before {what}");
        }

        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException($"run {runId} did not reach {what} within 120 s; last: {current.Status}, {current.Progress?.Summary}");
        }

        await Task.Delay(TimeSpan.FromMilliseconds(200));
    }
}
