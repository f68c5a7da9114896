using System.Buffers.Binary;
using Orchestrator.Storage.Sqlite.Tests.Infrastructure;

namespace Orchestrator.Storage.Sqlite.Tests.Files;

/// <summary>The write-ahead log starts over under steady load instead of growing without end.</summary>
public sealed class WalTests
{
    private const int Writers = 4;
    private const int Rows = 64;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Wal_WritesWithoutPause_LogStartsOverAndIsCutBack()
    {
        await using var hub = await SqliteHub.StartAsync(withWorker: false);
        await hub.Service.Store.WriteAsync(s => s.Command("CREATE TABLE load (id INTEGER PRIMARY KEY, body BLOB)").ExecuteNonQuery(), Token);
        var wal = hub.DatabasePath + "-wal";
        var first = Header(wal);
        using var stop = new CancellationTokenSource();
        var rewinds = new HashSet<uint> { first };
        long largest = 0;

        // Several callers, each queueing its next write as soon as the last one committed: the writer never idles.
        var load = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = w; !stop.IsCancellationRequested; i += Writers)
            {
                await hub.Service.Store.WriteAsync(s =>
                {
                    var command = s.Command("INSERT OR REPLACE INTO load (id, body) VALUES ($id, randomblob(4096))");
                    command.Parameters.AddWithValue("$id", i % Rows);
                    command.ExecuteNonQuery();
                }, Token);
            }
        }, Token)).ToArray();
        try
        {
            await Eventually.TrueAsync(
                () =>
                {
                    rewinds.Add(Header(wal));
                    largest = Math.Max(largest, new FileInfo(wal).Length);
                    return rewinds.Count > 3;
                },
                TimeSpan.FromSeconds(30),
                () => $"under writes without pause the log {wal} started over {rewinds.Count - 1} times, and grew to {largest:N0} bytes");
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(load);
        }

        Convert.ToInt64(hub.Service.Store.Pragma("journal_size_limit")).ShouldBe(64L * 1024 * 1024, "a log that starts over is cut back to 64 MiB");
    }

    /// <summary>The log's checkpoint sequence number (header bytes 12–15, big-endian): it changes each time the log starts over.</summary>
    private static uint Header(string wal)
    {
        using var file = new FileStream(wal, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Span<byte> header = stackalloc byte[16];
        file.ReadExactly(header);
        return BinaryPrimitives.ReadUInt32BigEndian(header[12..]);
    }
}
