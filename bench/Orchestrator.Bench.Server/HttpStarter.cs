using System.Net.Http.Json;
using System.Text.Json;

namespace Orchestrator.Bench.Server;

/// <summary>Through the REST API: POST /api/plugins/noop/runs, then GET /api/runs/{id}.</summary>
internal sealed class HttpStarter(HttpClient client) : IStarter
{
    public string Name => "http";

    public async Task<string> StartAsync(CancellationToken cancellationToken)
    {
        using var response = await client.PostAsync("/api/plugins/noop/runs", null, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("run_id").GetString()!;
    }

    public async Task<bool> IsFinishedAsync(string runId, CancellationToken cancellationToken)
    {
        var run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}", cancellationToken);
        return run.GetProperty("is_terminal").GetBoolean();
    }
}
