namespace Orchestrator.Storage.Sqlite.Database;

/// <summary>A text column that holds short values inline and moves long ones to the payloads table.</summary>
internal readonly record struct StoredText(string? Inline, long? PayloadId)
{
    public static StoredText Put(SqliteStore store, string instanceId, string? text, int threshold)
    {
        if (text is null || text.Length <= threshold)
        {
            return new StoredText(text, null);
        }

        var id = (long)store.Command("INSERT INTO payloads (instance_id, text) VALUES ($instance, $text) RETURNING payload_id")
            .With("$instance", instanceId)
            .With("$text", text)
            .ExecuteScalar()!;
        return new StoredText(null, id);
    }
}
