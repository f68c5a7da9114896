using System.Collections.Immutable;
using System.Text.Json;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Processes;

/// <summary>The JSON of process protocol v1 (docs/process-protocol.md): the request on stdin, the result on stdout, the info document.</summary>
internal static class ProcessProtocol
{
    public const int Version = 1;

    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = 64 };

    /// <summary><c>{"protocol":1,"run_id","plugin","phase","attempt","input","config","prompt","context":{"phase_outputs","metadata"},"workdir"}</c>.</summary>
    public static byte[] WriteRequest(PhaseRequest request)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("protocol", Version);
            json.WriteString("run_id", request.RunId);
            json.WriteString("plugin", request.Plugin);
            json.WriteString("phase", request.Phase);
            json.WriteNumber("attempt", request.Attempt);
            WriteValue(json, "input", request.Input);
            WriteMap(json, "config", request.Config);
            json.WriteString("prompt", request.Prompt);
            // The same view of the run's shared data an in-process phase gets as request.Context.
            json.WriteStartObject("context");
            WriteEntries(json, "phase_outputs", request.Context.PhaseNames, request.Context.GetPhaseOutput);
            WriteEntries(json, "metadata", request.Context.Keys(), request.Context.Get);
            json.WriteEndObject();
            json.WriteString("workdir", request.WorkingDirectory);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Parses <c>{"output":any,"metadata":{...},"artifacts":[relative paths]}</c>; an error message, or null with the result.</summary>
    public static string? ReadResult(byte[] stdout, out PhaseResult result)
    {
        result = new PhaseResult();
        if (Parse(stdout, out var root) is { } invalid)
        {
            return invalid;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return $"wrong shape: stdout must be one JSON object {{\"output\", \"metadata\", \"artifacts\"}}, got a JSON {Kind(root)}";
        }

        if (!root.TryGetProperty("output", out var output))
        {
            return "wrong shape: the result object has no \"output\" key (use \"output\": null for no output)";
        }

        var metadata = ImmutableDictionary<string, JsonElement>.Empty;
        if (root.TryGetProperty("metadata", out var meta) && meta.ValueKind != JsonValueKind.Null)
        {
            if (meta.ValueKind != JsonValueKind.Object)
            {
                return $"wrong shape: \"metadata\" must be an object, got a JSON {Kind(meta)}";
            }

            metadata = meta.EnumerateObject().ToImmutableDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
        }

        var artifacts = ImmutableArray.CreateBuilder<string>();
        if (root.TryGetProperty("artifacts", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                return $"wrong shape: \"artifacts\" must be an array of relative paths, got a JSON {Kind(list)}";
            }

            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } path)
                {
                    return $"wrong shape: \"artifacts\" must hold non-empty strings, got a JSON {Kind(item)}";
                }

                if (Path.IsPathRooted(path) || path.Split('/', '\\').Contains(".."))
                {
                    return $"wrong shape: artifact '{path}' must be a path relative to the working directory, without '..'";
                }

                artifacts.Add(path);
            }
        }

        result = new PhaseResult { Output = output.Clone(), Metadata = metadata, Artifacts = artifacts.ToImmutable() };
        return null;
    }

    /// <summary>Checks <c>info</c>'s <c>{"name","version","protocol":1,"phases":[...]}</c>; returns the phase names it lists, or an error.</summary>
    public static string? ReadInfo(byte[] stdout, string expectedName, out ImmutableArray<string> phases)
    {
        phases = [];
        if (Parse(stdout, out var root) is { } invalid)
        {
            return invalid;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return $"wrong shape: 'info' must print one JSON object {{\"name\", \"version\", \"protocol\": 1, \"phases\"}}, got a JSON {Kind(root)}";
        }

        if (!root.TryGetProperty("protocol", out var protocol) || protocol.ValueKind != JsonValueKind.Number || !protocol.TryGetInt32(out var number) || number != Version)
        {
            return $"'info' must report \"protocol\": {Version} (the protocol this Orchestrator speaks), got {(root.TryGetProperty("protocol", out var p) ? p.GetRawText() : "nothing")}";
        }

        if (!root.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString() != expectedName)
        {
            return $"'info' reports name {(root.TryGetProperty("name", out var n) ? n.GetRawText() : "nothing")}, but the manifest's name is \"{expectedName}\"";
        }

        if (!root.TryGetProperty("phases", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return "wrong shape: 'info' must list \"phases\" as an array of phase names (or objects with a \"name\")";
        }

        var names = ImmutableArray.CreateBuilder<string>();
        foreach (var item in list.EnumerateArray())
        {
            var phase = item.ValueKind switch
            {
                JsonValueKind.String => item.GetString(),
                JsonValueKind.Object when item.TryGetProperty("name", out var x) && x.ValueKind == JsonValueKind.String => x.GetString(),
                _ => null,
            };
            if (phase is null)
            {
                return $"wrong shape: each of 'info' \"phases\" must be a name or an object with a \"name\", got {item.GetRawText()}";
            }

            names.Add(phase);
        }

        phases = names.ToImmutable();
        return null;
    }

    private static string? Parse(byte[] stdout, out JsonElement root)
    {
        root = default;
        if (stdout.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return "invalid JSON: stdout was empty";
        }

        try
        {
            using var document = JsonDocument.Parse(stdout, ReadOptions);
            root = document.RootElement.Clone();
            return null;
        }
        catch (JsonException e)
        {
            var preview = System.Text.Encoding.UTF8.GetString(stdout, 0, Math.Min(stdout.Length, 200));
            return $"invalid JSON on stdout ({e.Message}); stdout began: {preview}";
        }
    }

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();

    private static void WriteValue(Utf8JsonWriter json, string name, JsonElement value)
    {
        json.WritePropertyName(name);
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            json.WriteNullValue();
        }
        else
        {
            value.WriteTo(json);
        }
    }

    private static void WriteMap(Utf8JsonWriter json, string name, ImmutableDictionary<string, JsonElement> map) =>
        WriteEntries(json, name, [.. map.Keys.Order(StringComparer.Ordinal)], key => map[key]);

    private static void WriteEntries(Utf8JsonWriter json, string name, IReadOnlyList<string> keys, Func<string, JsonElement> valueOf)
    {
        json.WriteStartObject(name);
        foreach (var key in keys)
        {
            WriteValue(json, key, valueOf(key));
        }

        json.WriteEndObject();
    }
}
