using System.Collections.Immutable;
using System.Text.Json;

namespace Orchestrator.Engine.Payloads;

/// <summary>A phase result as stored for the phases after it: its output and its metadata changes (large values by reference).</summary>
public sealed record StoredResult
{
    public JsonElement? Output { get; init; }

    public ImmutableDictionary<string, JsonElement> Metadata { get; init; } = ImmutableDictionary<string, JsonElement>.Empty;
}
