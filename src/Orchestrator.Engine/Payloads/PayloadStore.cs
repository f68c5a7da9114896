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
/// (docs/running-workflows.md#large-outputs-and-limits). A file is named by the SHA-256 of its content and written
/// whole to a temporary name, flushed to disk, then renamed: a redelivered attempt that stores the same value again
/// changes nothing, and a reader never sees half a file. The files go with the workspace when the run is purged.
/// </summary>
public static class PayloadStore
{
    /// <summary>The folder under the workspace's engine folder that holds the payload files.</summary>
    public const string FolderName = "payloads";

    /// <summary>The folder of <paramref name="workspace"/> that holds its payload files.</summary>
    public static string FolderOf(string workspace) => Path.Combine(workspace, SharedDataSnapshot.EngineFolder, FolderName);

    /// <summary>The file that holds what is stored under <paramref name="sha256"/>.</summary>
    public static string PathOf(string workspace, string sha256) => Path.Combine(FolderOf(workspace), sha256 + ".json");

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

        return new PayloadReference(Put(workspace, bytes), bytes.Length);
    }

    /// <summary>Stores <paramref name="bytes"/> under their SHA-256 (unless a file of that name and length is there already) and returns it.</summary>
    public static string Put(string workspace, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var path = PathOf(workspace, sha);
        if (new FileInfo(path) is { Exists: true } existing && existing.Length == bytes.Length)
        {
            return sha;
        }

        Directory.CreateDirectory(FolderOf(workspace));
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            // On disk before the rename, and so before the result that names it is committed to the backend: after a
            // power loss the name never points at a file with less than all of its bytes.
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return sha;
    }

    /// <summary>The bytes stored under <paramref name="sha256"/>, checked against it.</summary>
    /// <param name="what">What the file holds, as messages name it.</param>
    /// <exception cref="PayloadException">The file is missing, unreadable, or its content does not match its name.</exception>
    public static byte[] Get(string workspace, string sha256, string what)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        var path = PathOf(workspace, sha256);
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

        if (!Convert.ToHexStringLower(SHA256.HashData(bytes)).Equals(sha256, StringComparison.Ordinal))
        {
            throw new PayloadException(string.Create(
                CultureInfo.InvariantCulture,
                $"{what} is stored outside the run's history in {path}, whose content was changed by hand (its {bytes.LongLength:N0} bytes do not have the SHA-256 recorded): start the run again"));
        }

        return bytes;
    }

    /// <summary>Reads the document stored under <paramref name="sha256"/> as <typeparamref name="T"/>.</summary>
    /// <exception cref="PayloadException">The file is missing, damaged or not such a document.</exception>
    public static T GetDocument<T>(string workspace, string sha256, string what) =>
        Read<T>(workspace, sha256, Get(workspace, sha256, what), what);

    /// <summary>The document <paramref name="bytes"/> (read by <see cref="Get"/> from under <paramref name="sha256"/>) as <typeparamref name="T"/>.</summary>
    /// <exception cref="PayloadException">The bytes are not such a document.</exception>
    public static T Read<T>(string workspace, string sha256, byte[] bytes, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, OrchestratorJson.Options)
                ?? throw new PayloadException($"{what} stored in {PathOf(workspace, sha256)} is the JSON literal null");
        }
        catch (JsonException ex)
        {
            throw new PayloadException($"{what} stored in {PathOf(workspace, sha256)} cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>The value <paramref name="value"/> names when it is a reference; otherwise <paramref name="value"/> itself.</summary>
    /// <exception cref="PayloadException">The file is missing, unreadable, or does not hold the value the reference names.</exception>
    public static JsonElement Resolve(string workspace, JsonElement value, string what)
    {
        if (!PayloadReference.TryRead(value, out var reference))
        {
            return value;
        }

        return GetDocument<JsonElement>(workspace, reference.Sha256, what);
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
