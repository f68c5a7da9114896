using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Orchestrator.Dashboard.Tests;

/// <summary>
/// A real <c>orchestrator serve</c> process (the built CLI) started from the repository root, so it has the
/// repository's plugins and workflows, on a free loopback port, with its database and workspaces in a temp directory.
/// Tracked by PID: stopped with SIGTERM on dispose and killed (with its children) if it has not exited 30 s later.
/// Its first plugin path holds one plugin whose manifest is invalid (<see cref="BrokenManifestLine"/>), so discovery
/// always has a problem to show.
/// </summary>
public sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly TempDirectory _root;
    private readonly ChildProcess _process;

    private ServeProcess(TempDirectory root, ChildProcess process, string baseUrl, string? apiKey)
    {
        _root = root;
        _process = process;
        BaseUrl = baseUrl;
        ApiKey = apiKey;
    }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>The key it requires on /api; null when it requires none.</summary>
    public string? ApiKey { get; }

    /// <summary>The run workspaces (<c>--data-dir</c>/runs).</summary>
    public string RunsDirectory => _root.Combine("data", "runs");

    public int Id => _process.Id;

    /// <summary>The line of the broken plugin's manifest (<c>broken/plugin.yaml</c>) that discovery reports.</summary>
    public const int BrokenManifestLine = 5;

    /// <summary>What it has written so far, for failure messages.</summary>
    public string Output => _process.Output;

    public static async Task<ServeProcess> StartAsync(string? apiKey)
    {
        var root = new TempDirectory("orch-dashboard-");
        root.Write("plugins/broken/plugin.yaml", "name: broken\nversion: 1.0.0\ntype: builtin\ntimeout: soon\nphases: []\n");
        var environment = new Dictionary<string, string>
        {
            ["XDG_DATA_HOME"] = root.Combine("xdg-data"),
            ["XDG_CONFIG_HOME"] = root.Combine("xdg-config"),
        };
        if (apiKey is not null)
        {
            environment["ORCHESTRATOR_SERVER__APIKEYS__0"] = apiKey;
        }

        var process = ChildProcess.Start(
            "dotnet", [RepoPaths.CliDll, "serve", "--urls", "http://127.0.0.1:0", "--data-dir", root.Combine("data"), "--plugins", root.Combine("plugins")], environment, RepoPaths.Root);
        try
        {
            var line = await process.WaitForLineAsync(
                l => l.StartsWith("Orchestrator API listening on ", StringComparison.Ordinal), TimeSpan.FromSeconds(90), "the 'Orchestrator API listening on' line of serve");
            return new ServeProcess(root, process, ListeningUrl().Match(line).Value, apiKey);
        }
        catch
        {
            await process.DisposeAsync();
            root.Dispose();
            throw;
        }
    }

    /// <summary>A client of its API, sending the key when it has one.</summary>
    public HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        if (ApiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        }

        return client;
    }

    /// <summary>Starts short-story through the API with its approval given up front; returns the run id.</summary>
    public async Task<string> StartShortStoryAsync(CancellationToken cancellationToken)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/api/workflows/short-story/runs", new { auto_approve = true }, cancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(cancellationToken));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("run_id").GetString()!;
    }

    /// <summary>Starts short-story (approved up front) and waits for it to complete; returns the run id.</summary>
    public async Task<string> CompletedShortStoryAsync(CancellationToken cancellationToken)
    {
        var runId = await StartShortStoryAsync(cancellationToken);
        using var client = CreateClient();
        await Eventually.TrueAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}", cancellationToken)).GetProperty("status").GetString() == "completed",
            DashboardFixture.Deadline,
            () => $"run {runId} did not complete within {DashboardFixture.Deadline.TotalSeconds:0} s; serve output:{Environment.NewLine}{Output}");
        return runId;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.TerminateAsync();
        await _process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        await _process.DisposeAsync();
        _root.Dispose();
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex ListeningUrl();
}
