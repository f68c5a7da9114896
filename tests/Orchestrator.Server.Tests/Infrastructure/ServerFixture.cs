using System.Collections.Immutable;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Orchestrator.Abstractions.Phases;
using Orchestrator.Cli.Hosting;
using Orchestrator.Plugins.Discovery;

namespace Orchestrator.Server.Tests.Infrastructure;

/// <summary>
/// One real server for the collection: <see cref="ServeHost"/> on 127.0.0.1 and an OS-assigned port, with an
/// embedded in-memory sidecar, the real plugin catalog over a temp plugin directory, and an API key. Stopped and
/// deleted in teardown. <see cref="KeylessServerFixture"/> is the same server without keys (the default of serve).
/// </summary>
public class ServerFixture : IAsyncLifetime
{
    public const string SecretVariable = "SECRET_TOKEN";

    /// <summary>A browser origin besides the server's own let in by <c>Server:AllowedOrigins</c>.</summary>
    public const string AllowedOrigin = "https://dashboard.example";

    private readonly TempDirectory _root = new();
    private readonly bool _withKey;
    private ServeHost? _host;

    public ServerFixture()
        : this(withKey: true)
    {
    }

    protected ServerFixture(bool withKey) => _withKey = withKey;

    /// <summary>The configured API key (unless keyless); <see cref="Client"/> sends it.</summary>
    public string ApiKey { get; } = "key-" + Guid.NewGuid().ToString("N");

    /// <summary>A value only the server's environment holds; no response may contain it.</summary>
    public string SecretValue { get; } = "env-secret-" + Guid.NewGuid().ToString("N");

    public HttpClient Client { get; private set; } = null!;

    /// <summary>A client without an API key.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public Uri BaseAddress => _host!.BaseAddress;

    public ServeHost Host => _host!;

    public TempDirectory Root => _root;

    /// <summary>The server's recent log lines, for failure messages.</summary>
    public CapturedLogs Logs { get; } = new();

    public async ValueTask InitializeAsync()
    {
        WritePlugins();
        var environment = ImmutableDictionary<string, string>.Empty
            .Add(SecretVariable, SecretValue)
            .Add("HOME", _root.Path)
            .Add("PATH", Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin");
        var options = new ServeHostOptions
        {
            Urls = "http://127.0.0.1:0",
            Discovery = new DiscoveryOptions
            {
                ExplicitPaths = [_root.Combine("plugins")],
                Environment = ImmutableDictionary<string, string>.Empty.Add("XDG_DATA_DIRS", _root.Combine("none")),
                HomeDirectory = _root.Path,
                CurrentDirectory = _root.Path,
                BinaryDirectory = _root.Combine("bin"),
            },
            BuiltIns = BuiltIns(),
            WatchPlugins = false,
            Engine = e =>
            {
                e.DataDirectory = _root.Combine("data");
                e.Environment = environment;
                e.CurrentDirectory = _root.Path;
                e.WorkflowPaths.Add(_root.Combine("workflows"));
                e.TimeoutMargin = TimeSpan.FromSeconds(5);
            },
            Server = s => s.EventPollInterval = TimeSpan.FromMilliseconds(50),
            Logging = l => l.ClearProviders().AddProvider(Logs),
        };
        options.Configuration["Server:AllowedOrigins:0"] = AllowedOrigin + "/";
        if (_withKey)
        {
            options.Configuration["Server:ApiKeys:0"] = ApiKey;
        }

        _host = await ServeHost.StartAsync(options, TestContext.Current.CancellationToken);
        Client = new HttpClient { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (_withKey)
        {
            Client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        }

        Anonymous = new HttpClient { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        Client?.Dispose();
        Anonymous?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _root.Dispose();
    }

    /// <summary>Polls the run until <paramref name="condition"/> holds; fails the test after 60 s.</summary>
    public async Task<JsonElement> WaitForRunAsync(string runId, Func<JsonElement, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        JsonElement run = default;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await Client.GetAsync($"/api/runs/{runId}", TestContext.Current.CancellationToken);
            if (response.IsSuccessStatusCode)
            {
                run = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
                if (condition(run))
                {
                    return run;
                }
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"run {runId} never reached '{what}'; last seen: {run}{Environment.NewLine}server log:{Environment.NewLine}{Logs.Tail()}");
    }

    public Task<JsonElement> WaitForEndAsync(string runId) =>
        WaitForRunAsync(runId, r => r.GetProperty("is_terminal").GetBoolean(), "finished");

    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static Dictionary<string, Func<IPhaseProvider>> BuiltIns() => new(StringComparer.Ordinal)
    {
        ["echo"] = () => new DelegateProvider(new DelegatePhase("say", (r, _) =>
            Task.FromResult(PhaseResult.FromOutput(new { echo = r.Input.ValueKind == JsonValueKind.Undefined ? (JsonElement?)null : r.Input, config = r.Config.Keys.Order().ToArray() })))),
        ["burst"] = () => new DelegateProvider(new DelegatePhase("once", (_, _) => Task.FromResult(PhaseResult.FromOutput(new { ok = true })))),
        ["gate"] = () => new DelegateProvider(
            new DelegatePhase("review", (_, _) => Task.FromResult(PhaseResult.FromOutput(new { reviewed = true }))),
            new DelegatePhase("finish", (_, _) => Task.FromResult(PhaseResult.FromOutput(new { approved = true })))),
        ["strict"] = () => new DelegateProvider(new DelegatePhase("work", (_, _) => Task.FromResult(PhaseResult.FromOutput(new { done = true })))),
    };

    private void WritePlugins()
    {
        Plugin("echo", "[echo, test]", "  - name: say\n    order: 1\n");
        Plugin("burst", "[test]", "  - name: once\n    order: 1\n");
        Plugin("gate", "[review]", "  - name: review\n    order: 1\n    approval: true\n  - name: finish\n    order: 2\n");
        Plugin("strict", "[test]", "  - name: work\n    order: 1\n", $$"""
            resource_spec:
              api_keys: [{{SecretVariable}}]
            config_schema:
              type: object
              properties:
                count: { type: integer, minimum: 1 }
                mode: { enum: [fast, slow] }
            required_config: [count, mode]
            """);
        _root.Write("workflows/echo-flow.yaml", "name: echo-flow\ndescription: Echoes its input.\nplugin: echo\ninput:\n  greeting: hello\n");
        _root.Write("workflows/gate-flow.yaml", "name: gate-flow\ndescription: Waits for approval.\nplugin: gate\n");
        _root.Write("workflows/harbour-flow.yaml", "name: harbour-flow\nplugin: echo\ninput_schema:\n  type: object\n  required: [harbour]\n");
    }

    private void Plugin(string name, string domains, string phases, string extra = "") =>
        _root.Write($"plugins/{name}/plugin.yaml", $"name: {name}\nversion: 1.0.0\ntype: builtin\ndomains: {domains}\n{extra}\nphases:\n{phases}");
}
