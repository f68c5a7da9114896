using System.Text.Json;

namespace Orchestrator.Engine.Orchestrations;

/// <summary>
/// The payload of an <c>approve</c> or <c>reject</c> event: the approval phase it decides, and the approval's payload or
/// the rejection's reason. A waiting gate takes only a decision that names it, so an event sent for an earlier gate, or
/// raised before this gate was reached, never opens it (docs/running-workflows.md#approvals).
/// </summary>
/// <param name="Phase">The approval phase decided.</param>
/// <param name="Payload">An approval's payload (stored in the run's metadata as <c>approval.&lt;phase&gt;</c>).</param>
/// <param name="Reason">A rejection's reason.</param>
public sealed record GateDecision(string Phase, JsonElement? Payload = null, string? Reason = null)
{
    /// <summary>The decision an event carries, or null when its payload is not one (an event raised by hand).</summary>
    /// <param name="payload">The event's payload.</param>
    /// <returns>The decision.</returns>
    public static GateDecision? Read(JsonElement? payload)
    {
        if (payload is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("phase", out var phase) || phase.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var given = value.TryGetProperty("payload", out var p) && p.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? p.Clone() : (JsonElement?)null;
        var reason = value.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        return new GateDecision(phase.GetString()!, given, reason);
    }
}
