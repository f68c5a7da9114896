namespace Orchestrator.Server.Hosting;

/// <summary>Settings of the REST API. Bound from the <c>Server</c> configuration section.</summary>
public sealed class ServerOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Server";

    /// <summary>The default request body limit: 1 MiB.</summary>
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    /// <summary>API keys; when any is set, every <c>/api</c> route needs one (<c>X-Api-Key</c> or <c>Authorization: Bearer</c>).</summary>
    public IList<string> ApiKeys { get; } = [];

    /// <summary>
    /// Browser origins (<c>https://dashboard.example.com</c>) whose pages may send state-changing requests besides the
    /// server's own; any other cross-site browser request gets 403 (docs/rest-api.md#browser-requests).
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>Largest request body accepted; larger bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>How often a server-sent event stream checks its run for progress.</summary>
    public TimeSpan EventPollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long <c>/readyz</c> waits for the sidecar to answer.</summary>
    public TimeSpan ReadinessTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
