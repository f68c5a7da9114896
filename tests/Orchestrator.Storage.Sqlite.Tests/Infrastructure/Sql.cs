using Microsoft.Data.Sqlite;

namespace Orchestrator.Storage.Sqlite.Tests.Infrastructure;

/// <summary>Direct reads of the database, to check what was (not) stored.</summary>
internal static class Sql
{
    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static long Count(SqliteConnection connection, string table) => (long)Scalar(connection, $"SELECT count(*) FROM {table}")!;
}
