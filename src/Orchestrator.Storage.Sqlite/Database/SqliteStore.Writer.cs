using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Orchestrator.Storage.Sqlite.Database;

/// <summary>
/// Group commit by flat combining: a write is queued, and whichever caller finds the writer free becomes the writer and
/// commits everything queued, in batches of one transaction each (every write in its own savepoint, so a write that
/// throws is undone alone and its caller gets the exception). Alone, a write runs on its caller's thread in one
/// transaction; under load many work items share one commit. Nothing is reported done before its commit.
/// </summary>
internal sealed partial class SqliteStore
{
    private const int MaxBatch = 128;
    private readonly ConcurrentQueue<PendingWrite> _writes = new();
    private int _writing;
    private bool _closed;

    /// <summary>Runs <paramref name="work"/> in a write transaction; the task completes once that transaction has committed.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteStore, T> work, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _closed), this);
        var pending = new PendingWrite<T>(work, cancellationToken);
        _writes.Enqueue(pending);
        CommitQueued();
        return pending.Task;
    }

    public Task WriteAsync(Action<SqliteStore> work, CancellationToken cancellationToken = default) =>
        WriteAsync<bool>(store =>
        {
            work(store);
            return true;
        }, cancellationToken);

    private void CommitQueued()
    {
        var batch = new List<PendingWrite>();
        while (!_writes.IsEmpty && Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
        {
            try
            {
                while (TakeBatch(batch))
                {
                    Commit(batch);
                    CheckpointOnWriterIfWanted();
                }
            }
            finally
            {
                Volatile.Write(ref _writing, 0);
            }

            // A write queued after the last batch was taken, but before the writer was released, is picked up by this loop.
        }
    }

    private bool TakeBatch(List<PendingWrite> batch)
    {
        batch.Clear();
        while (batch.Count < MaxBatch && _writes.TryDequeue(out var pending))
        {
            if (_writer is null)
            {
                pending.Fail(new ObjectDisposedException(nameof(SqliteStore), $"The database {Path} is closed."));
            }
            else if (!pending.TryCancel())
            {
                batch.Add(pending);
            }
        }

        return batch.Count > 0;
    }

    /// <summary>Commits what is queued, then detaches the writer connection (later writes fail as closed) and returns it.</summary>
    private SqliteConnection? StopWriter()
    {
        Volatile.Write(ref _closed, true);
        var spin = new SpinWait();
        while (Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
        {
            spin.SpinOnce();
        }

        try
        {
            var batch = new List<PendingWrite>();
            while (TakeBatch(batch))
            {
                Commit(batch);
            }

            var writer = _writer;
            _writer = null;
            return writer;
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }

    private void Commit(List<PendingWrite> batch)
    {
        try
        {
            Run("BEGIN IMMEDIATE");
            if (batch.Count == 1)
            {
                // Alone in its transaction: no savepoint needed, a failing write rolls the transaction back.
                Run(batch[0].Execute(this) ? "COMMIT" : "ROLLBACK");
            }
            else
            {
                foreach (var pending in batch)
                {
                    Run("SAVEPOINT work");
                    if (!pending.Execute(this))
                    {
                        Run("ROLLBACK TO work");
                    }

                    Run("RELEASE work");
                }

                Run("COMMIT");
            }
        }
        catch (Exception ex)
        {
            // A storage error (disk full, I/O) may already have ended the transaction: the whole batch is undone.
            Rollback(_writer!);
            var error = ex is SqliteException sqlite ? Translate(sqlite, "write to") : ex;
            foreach (var pending in batch)
            {
                pending.Fail(error);
            }

            return;
        }

        foreach (var pending in batch)
        {
            pending.Finish();
        }
    }

    private abstract class PendingWrite
    {
        /// <summary>Runs the work; <c>false</c> when it threw an exception of its own (kept for its caller).</summary>
        public abstract bool Execute(SqliteStore store);

        public abstract bool TryCancel();

        public abstract void Finish();

        public abstract void Fail(Exception error);
    }

    private sealed class PendingWrite<T>(Func<SqliteStore, T> work, CancellationToken cancellationToken) : PendingWrite
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _error;

        public Task<T> Task => _completion.Task;

        public override bool Execute(SqliteStore store)
        {
            try
            {
                _result = work(store);
                return true;
            }
            catch (Exception ex) when (ex is not SqliteException)
            {
                _error = ex;
                return false;
            }
        }

        public override bool TryCancel() => cancellationToken.IsCancellationRequested && _completion.TrySetCanceled(cancellationToken);

        public override void Finish()
        {
            if (_error is not null)
            {
                _completion.TrySetException(_error);
            }
            else
            {
                _completion.TrySetResult(_result!);
            }
        }

        public override void Fail(Exception error) => _completion.TrySetException(error);
    }
}
