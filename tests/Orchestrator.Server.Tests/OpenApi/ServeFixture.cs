using System.Text.RegularExpressions;

namespace Orchestrator.Server.Tests.OpenApi;

/// <summary>
/// One real <c>orchestrator serve</c> process for the OpenAPI tests: started from the repository root (its plugins and
/// workflows) on a free loopback port with an API key; its OpenAPI document is read once and saved for the tools.
/// Stopped with SIGTERM in teardown, and killed if it has not exited 30 s later.
/// </summary>
public sealed partial class ServeFixture : IAsyncLifetime
{
    private readonly TempDirectory _root = new("orch-openapi-");
    private ChildProcess? _serve;

    /// <summary>The key the server requires on /api.</summary>
    public string ApiKey { get; } = "key-" + Guid.NewGuid().ToString("N");

    /// <summary>Where the API listens, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The served <c>/openapi/v1.json</c>, saved to a file.</summary>
    public string DocumentPath => _root.Combine("openapi.json");

    /// <summary>The server's output so far, for failure messages.</summary>
    public string Output => _serve?.Output ?? string.Empty;

    public async ValueTask InitializeAsync()
    {
        _serve = ChildProcess.Start(
            "dotnet",
            [RepoPaths.CliDll, "serve", "--urls", "http://127.0.0.1:0", "--data-dir", _root.Combine("data")],
            new Dictionary<string, string>
            {
                ["XDG_DATA_HOME"] = _root.Combine("xdg-data"),
                ["XDG_CONFIG_HOME"] = _root.Combine("xdg-config"),
                ["ORCHESTRATOR_SERVER__APIKEYS__0"] = ApiKey,
            },
            RepoPaths.Root);
        var line = await _serve.WaitForLineAsync(l => l.StartsWith("Orchestrator API listening on ", StringComparison.Ordinal), TimeSpan.FromSeconds(90), "listening line");
        BaseUrl = ListeningUrl().Match(line).Value;
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        await File.WriteAllTextAsync(DocumentPath, await http.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
    }

    /// <summary>A client sending the API key.</summary>
    public HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_serve is not null)
        {
            await _serve.TerminateAsync();
            await _serve.WaitForExitAsync(TimeSpan.FromSeconds(30));
            await _serve.DisposeAsync();
        }

        _root.Dispose();
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex ListeningUrl();
}
