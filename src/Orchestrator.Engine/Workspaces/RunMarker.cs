using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Engine.Workspaces;

/// <summary>
/// The backend that keeps a process's runs and the process, as the first line of its <see cref="MemoryRunLedger"/> says:
/// so that another process can tell a run lost with the in-memory backend from one that was purged, and remove the
/// workspace of such a run (docs/running-workflows.md#crashes-and-resuming).
/// </summary>
/// <param name="Backend">The backend of the embedded sidecar that keeps the run (<c>memory</c>, <c>sqlite</c>, <c>azure-storage</c>).</param>
/// <param name="Owner">The process that started the run.</param>
/// <param name="Process">What that process is, e.g. <c>orchestrator serve</c>; null when it did not say.</param>
public sealed record RunMarker(string Backend, OwnerProcess Owner, string? Process)
{
    /// <summary>The name of the in-memory backend, whose runs live only as long as the process that holds them.</summary>
    public const string MemoryBackend = "memory";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Whether the run lives in the owner's memory only.</summary>
    [JsonIgnore]
    public bool IsMemory => IsMemoryBackend(Backend);

    /// <summary>The owner as a message names it: <c>orchestrator serve (process 1234)</c>.</summary>
    [JsonIgnore]
    public string Who => string.Create(CultureInfo.InvariantCulture, $"{Process ?? "the process"} (process {Owner.Id})");

    /// <summary>Whether <paramref name="backend"/> names the in-memory backend.</summary>
    public static bool IsMemoryBackend(string? backend) => string.Equals(backend, MemoryBackend, StringComparison.OrdinalIgnoreCase);

    /// <summary>The marker in <paramref name="json"/>, or null when it is none or cannot be read.</summary>
    public static RunMarker? FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            var marker = JsonSerializer.Deserialize<RunMarker>(json, JsonOptions);
            return marker is { Backend: not null, Owner: { Id: > 0, Started: not null } } ? marker : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The marker as one line of JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
