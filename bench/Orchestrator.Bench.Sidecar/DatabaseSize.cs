using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Orchestrator.Bench.Sidecar;

/// <summary>Bytes a SQLite database uses: its pages in use (free pages left by a purge are reused, not returned to the disk).</summary>
internal static class DatabaseSize
{
    public static long UsedBytes(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return Pragma(connection, "page_count") - Pragma(connection, "freelist_count") is var pages ? pages * Pragma(connection, "page_size") : 0;
    }

    private static long Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
