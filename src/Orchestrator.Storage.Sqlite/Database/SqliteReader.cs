using Microsoft.Data.Sqlite;

namespace Orchestrator.Storage.Sqlite.Database;

/// <summary>
/// One read-only connection kept open, with its fixed statements prepared once and reused, instead of opening a
/// pooled connection and preparing the statement again on every read.
/// </summary>
internal sealed class SqliteReader(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The connection, for statements built per call (they are not kept).</summary>
    public SqliteConnection Connection => connection;

    /// <summary>A statement of fixed text, prepared on first use and kept; its parameters are cleared.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Parameters.Clear();
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        connection.Dispose();
    }
}
