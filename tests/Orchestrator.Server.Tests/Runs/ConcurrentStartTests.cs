using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Runs;

[Collection(ServerCollection.Name)]
public sealed class ConcurrentStartTests(ServerFixture server)
{
    [Fact]
    public async Task Start_ThousandConcurrentRequests_ThousandDistinctRunsAllComplete()
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(3));
        var batch = Guid.NewGuid().ToString("N")[..8];

        var ids = await Task.WhenAll(Enumerable.Range(0, 1000).Select(async i =>
        {
            using var response = await server.Client.PostAsync(
                "/api/plugins/burst/runs", ServerFixture.Json($$$"""{"input": {"batch": "{{{batch}}}", "i": {{{i}}}}}"""), deadline.Token);
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(deadline.Token));
            return (await response.Content.ReadFromJsonAsync<JsonElement>(deadline.Token)).GetProperty("run_id").GetString()!;
        }));

        ids.Distinct().Count().ShouldBe(1000);
        var pending = new HashSet<string>(ids);
        while (pending.Count > 0)
        {
            try
            {
                await Task.Delay(250, deadline.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{pending.Count} of 1000 runs had not completed after 3 minutes; server log:{Environment.NewLine}{server.Logs.Tail()}");
            }

            string? token = null;
            do
            {
                var page = await server.Client.GetFromJsonAsync<JsonElement>(
                    "/api/runs?plugin=burst&status=completed&page_size=500" + (token is null ? string.Empty : $"&continuation_token={token}"), deadline.Token);
                foreach (var run in page.GetProperty("runs").EnumerateArray())
                {
                    pending.Remove(run.GetProperty("run_id").GetString()!);
                }

                token = page.GetProperty("continuation_token").GetString() is { } next ? Uri.EscapeDataString(next) : null;
            }
            while (token is not null);
        }

        var failed = await server.Client.GetFromJsonAsync<JsonElement>("/api/runs?plugin=burst&status=failed", deadline.Token);
        failed.GetProperty("runs").GetArrayLength().ShouldBe(0);
    }
}
