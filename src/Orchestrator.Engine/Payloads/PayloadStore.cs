using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Orchestrator.Abstractions;
using Orchestrator.Abstractions.Context;
using Orchestrator.Engine.Activities;

namespace Orchestrator.Engine.Payloads;

/// <summary>
/// Keeps values above <see cref="EngineOptions.PayloadThreshold"/> out of the run's history, in
/// <c>&lt;workspace&gt;/.orchestrator/payloads/&lt;sha256&gt;.json</c>, and reads them back
/// (docs/running-workflows.md#large-outputs-and-limits). A file is named by the SHA-256 of its content and written whole
/// to a temporary name, then renamed: a redelivered attempt that stores the same value again changes nothing, and a
/// reader never sees half a file. The files go with the workspace when the run is purged.
/// </summary>
public static class PayloadStore
{
    /// <summary>The folder under the workspace's engine folder that holds the payload files.</summary>
    public const string FolderName = "payloads";

    /// <summary>The folder of <paramref name="workspace"/> that holds its payload files.</summary>
    public static string FolderOf(string workspace) => Path.Combine(workspace, SharedDataSnapshot.EngineFolder, FolderName);

    /// <summary>The file that holds the payload <paramref name="reference"/> names.</summary>
    public static string PathOf(string workspace, PayloadReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return Path.Combine(FolderOf(workspace), reference.Sha256 + ".json");
    }

    /// <summary>
    /// <paramref name="value"/> as it is when its JSON is at most <paramref name="threshold"/> bytes; otherwise stored
    /// in <paramref name="workspace"/> and replaced by its <see cref="PayloadReference"/>.
    /// </summary>
    /// <param name="what">The value as messages name it, e.g. <c>the output of phase 'draft'</c>.</param>
    /// <exception cref="PayloadException">The value is over <paramref name="max"/> bytes.</exception>
    public static JsonElement Offload(string workspace, JsonElement value, string what, long threshold, long max) =>
        Store(workspace, value, what, threshold, max)?.ToElement() ?? value;

    /// <summary>Offloads each value of a map (see <see cref="Offload"/>); <paramref name="what"/> gets the key.</summary>
    public static ImmutableDictionary<string, JsonElement> OffloadAll(
        string workspace, ImmutableDictionary<string, JsonElement> values, Func<string, string> what, long threshold, long max)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(what);
        var result = values;
        foreach (var (key, value) in values)
        {
            if (Store(workspace, value, what(key), threshold, max) is { } reference)
            {
                result = result.SetItem(key, reference.ToElement());
            }
        }

        return result;
    }

    // The reference of the stored value, or null when the value stays in the history.
    private static PayloadReference? Store(string workspace, JsonElement value, string what, long threshold, long max)
    {
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null || PayloadReference.IsReference(value))
        {
            return null;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, OrchestratorJson.Options);
        if (bytes.Length <= threshold)
        {
            return null;
        }

        if (bytes.Length > max)
        {
            throw new PayloadException(string.Create(
                CultureInfo.InvariantCulture,
                $"{what} is {bytes.Length:N0} bytes of JSON, over the limit of {max:N0} bytes for one value (Engine:MaxPayload); make it smaller, or write it to a file in the workspace and report it as an artifact"));
        }

        var reference = new PayloadReference(Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length);
        var path = PathOf(workspace, reference);
        if (new FileInfo(path) is { Exists: true } existing && existing.Length == bytes.Length)
        {
            return reference;
        }

        Directory.CreateDirectory(FolderOf(workspace));
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return reference;
    }

    /// <summary>The value <paramref name="value"/> names when it is a reference; otherwise <paramref name="value"/> itself.</summary>
    /// <exception cref="PayloadException">The file is missing, unreadable, or does not hold the value the reference names.</exception>
    public static JsonElement Resolve(string workspace, JsonElement value, string what)
    {
        if (!PayloadReference.TryRead(value, out var reference))
        {
            return value;
        }

        var path = PathOf(workspace, reference);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PayloadException(
                $"{what} is stored outside the run's history in {path}, which cannot be read ({ex.Message}); the file was removed or moved by hand, and the run cannot go on without it: start the run again",
                ex);
        }

        if (bytes.LongLength != reference.Bytes || !Convert.ToHexStringLower(SHA256.HashData(bytes)).Equals(reference.Sha256, StringComparison.Ordinal))
        {
            throw new PayloadException(string.Create(
                CultureInfo.InvariantCulture,
                $"{what} is stored outside the run's history in {path}, whose content was changed by hand ({bytes.LongLength:N0} bytes, not the {reference.Bytes:N0} bytes of SHA-256 {reference.Sha256} recorded): start the run again"));
        }

        try
        {
            return JsonSerializer.Deserialize<JsonElement>(bytes, OrchestratorJson.Options);
        }
        catch (JsonException ex)
        {
            throw new PayloadException($"{what} stored in {path} is not JSON: {ex.Message}", ex);
        }
    }

    /// <summary>Resolves each value of a map (see <see cref="Resolve"/>); <paramref name="what"/> gets the key.</summary>
    public static ImmutableDictionary<string, JsonElement> ResolveAll(string workspace, ImmutableDictionary<string, JsonElement> values, Func<string, string> what)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(what);
        var result = values;
        foreach (var (key, value) in values)
        {
            if (PayloadReference.IsReference(value))
            {
                result = result.SetItem(key, Resolve(workspace, value, what(key)));
            }
        }

        return result;
    }

    /// <summary>The shared data with every stored phase output and metadata value read back.</summary>
    public static SharedData ResolveShared(string workspace, SharedData shared)
    {
        ArgumentNullException.ThrowIfNull(shared);
        return shared with
        {
            PhaseOutputs = ResolveAll(workspace, shared.PhaseOutputs, OutputOf),
            Metadata = ResolveAll(workspace, shared.Metadata, MetadataValue),
        };
    }

    /// <summary>How messages name the output of <paramref name="phase"/>.</summary>
    public static string OutputOf(string phase) => $"the output of phase '{phase}'";

    /// <summary>How messages name the metadata value <paramref name="key"/>.</summary>
    public static string MetadataValue(string key) => $"metadata value '{key}'";
}
