using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Orchestrator.Storage.Sqlite.Database;

/// <summary>
/// WAL checkpoints off the write path: SQLite's automatic checkpoint runs inside the commit that crosses the threshold
/// and syncs the disk twice, stalling every queued write (hundreds of milliseconds on a busy disk). The writer has
/// automatic checkpoints off; a connection of its own copies the log into the database every second without
/// blocking the writer (PASSIVE), and a clean close checkpoints what is left.
/// <para>
/// That copy alone never lets the log start over under steady load: SQLite rewinds the log only when a write begins
/// with every frame already copied, and the writer commits again while the copy runs. The log then grows without end
/// (1.8 GB in 20 s of the engine bench), and every frame lands on a new block of the file. So after each copy the
/// writer, between two of its transactions, copies the few frames committed meanwhile; its next write rewinds the log
/// (unless a reader still reads an older frame, then a later round does), and a log grown past
/// <see cref="JournalSizeLimit"/> is cut back to it.
/// </para>
/// </summary>
internal sealed partial class SqliteStore
{
    private const long JournalSizeLimit = 64L * 1024 * 1024;
    private static readonly TimeSpan CheckpointEvery = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource _checkpointStop = new();
    private Task? _checkpointer;
    private int _writerCheckpointWanted;

    private void StartCheckpointer(string connectionString)
    {
        Command("PRAGMA wal_autocheckpoint = 0").ExecuteNonQuery();
        Command(string.Create(CultureInfo.InvariantCulture, $"PRAGMA journal_size_limit = {JournalSizeLimit}")).ExecuteScalar();
        _checkpointer = Task.Run(() => CheckpointLoopAsync(connectionString, _checkpointStop.Token));
    }

    /// <summary>
    /// On the writer, between two transactions: copies what was committed since the last background copy, so the
    /// next write can rewind the log. Costs the copy of a few pages and, unless synchronous is OFF, two syncs, once
    /// a second at most.
    /// </summary>
    private void CheckpointOnWriterIfWanted()
    {
        if (Volatile.Read(ref _writerCheckpointWanted) == 0 || Interlocked.Exchange(ref _writerCheckpointWanted, 0) == 0)
        {
            return;
        }

        try
        {
            Run("PRAGMA wal_checkpoint(PASSIVE)");
        }
        catch (SqliteException)
        {
            // Busy or failing disk: the next round tries again; the log keeps every change meanwhile.
        }
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

    private async Task CheckpointLoopAsync(string connectionString, CancellationToken cancellationToken)
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
                    using var result = checkpoint.ExecuteReader();

                    // One row: busy, frames in the log, frames copied. Frames in the log: it has not been rewound
                    // since the last round, which the writer's own copy lets its next write do.
                    if (result.Read() && result.GetInt64(1) > 0)
                    {
                        Volatile.Write(ref _writerCheckpointWanted, 1);
                    }
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
