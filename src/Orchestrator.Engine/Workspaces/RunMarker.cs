using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Engine.Activities;

namespace Orchestrator.Engine.Workspaces;

/// <summary>
/// What a process that starts a run writes into the run's workspace (<c>.orchestrator/run.json</c>): the backend that
/// keeps the run and the process that owns it, so that another process can tell a run lost with the in-memory backend
/// from one that was purged, and remove the workspace of such a run (docs/running-workflows.md#crashes-and-resuming).
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

    /// <summary>Where the marker of <paramref name="workspace"/> is.</summary>
    public static string PathIn(string workspace) => Path.Combine(workspace, SharedDataSnapshot.EngineFolder, "run.json");

    /// <summary>The marker in the file <paramref name="path"/>, or null when there is none or it cannot be read.</summary>
    public static RunMarker? TryRead(string path)
    {
        try
        {
            var marker = JsonSerializer.Deserialize<RunMarker>(File.ReadAllText(path), JsonOptions);
            return marker is { Backend: not null, Owner: { Id: > 0, Started: not null } } ? marker : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes the marker to the file <paramref name="path"/> at once (a reader sees the old one or this one).</summary>
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = string.Create(CultureInfo.InvariantCulture, $"{path}.{Environment.ProcessId}.tmp");
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, JsonOptions));
        File.Move(temporary, path, overwrite: true);
    }
}
