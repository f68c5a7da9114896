using Microsoft.Data.Sqlite;

namespace Orchestrator.Storage.Sqlite.Database;

/// <summary>
/// WAL checkpoints off the write path: SQLite's automatic checkpoint runs inside the commit that crosses the threshold
/// and syncs the disk twice, stalling every queued write (hundreds of milliseconds on a busy disk). The writer has
/// automatic checkpoints off; a connection of its own copies the log into the database every second without
/// blocking the writer (PASSIVE), and a clean close checkpoints what is left.
/// </summary>
internal sealed partial class SqliteStore
{
    private static readonly TimeSpan CheckpointEvery = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource _checkpointStop = new();
    private Task? _checkpointer;

    private void StartCheckpointer(string connectionString)
    {
        Command("PRAGMA wal_autocheckpoint = 0").ExecuteNonQuery();
        _checkpointer = Task.Run(() => CheckpointLoopAsync(connectionString, _checkpointStop.Token));
    }

    private void StopCheckpointer()
    {
        _checkpointStop.Cancel();
        try
        {
            _checkpointer?.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // The loop ends on cancellation; anything else was already logged by SQLite's return codes being ignored.
        }

        _checkpointStop.Dispose();
    }

    private static async Task CheckpointLoopAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        using var timer = new PeriodicTimer(CheckpointEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    checkpoint.ExecuteNonQuery();
                }
                catch (SqliteException)
                {
                    // Busy or full: the next tick tries again, and the log keeps every change meanwhile.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Closing.
        }
    }
}
