using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.DurableTask.Client;

namespace Orchestrator.Bench.Engine;

/// <summary>
/// The bytes of durable history one run writes, read from the sqlite backend's tables (the history rows of the
/// instance and the large texts they keep aside), for plugins of 10, 50 and 200 phases with 10 KB outputs.
/// </summary>
internal static class HistoryBytes
{
    public const int OutputBytes = 10 * 1024;

    // A run that has not finished by then is reported as such (the history that grew with the square of the phases hit
    // the gRPC message limit and hung, before docs/running-workflows.md#large-outputs-and-limits).
    private static readonly TimeSpan RunDeadline = TimeSpan.FromSeconds(90);

    public static readonly int[] PhaseCounts = [10, 50, 200];

    public static string Plugin(int phases) => string.Create(CultureInfo.InvariantCulture, $"bench-wide{phases}");

    public static string[] Phases(int count) => [.. Enumerable.Range(1, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"p{i:000}"))];

    public static async Task PrintAsync(BenchHost sqlite, string database, CancellationToken cancellationToken)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"history bytes of one run on the sqlite backend, phases with {OutputBytes / 1024} KB outputs (goal: bytes per phase within 1.2x from 10 to 200 phases)"));
        Console.WriteLine($"{"phases",8} {"history bytes",14} {"bytes/phase",12} {"vs 10",7} {"run ms",9}");
        double? first = null;
        foreach (var count in PhaseCounts)
        {
            var stopwatch = Stopwatch.StartNew();
            var runId = await sqlite.PluginRun(Plugin(count), cancellationToken)();
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(RunDeadline);
            string? unfinished = null;
            try
            {
                var done = await sqlite.Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: false, deadline.Token);
                unfinished = done.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? null : $"ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}";
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                unfinished = string.Create(CultureInfo.InvariantCulture, $"did not finish within {RunDeadline.TotalSeconds:0} s; the bytes are those written so far");
            }

            var elapsed = stopwatch.Elapsed;
            var bytes = await OfAsync(database, runId, cancellationToken);
            var perPhase = (double)bytes / count;
            first ??= perPhase;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{count,8} {bytes,14:N0} {perPhase,12:N0} {perPhase / first.Value,7:0.00} {elapsed.TotalMilliseconds,9:0}{(unfinished is null ? string.Empty : "   " + unfinished)}"));
        }
    }

    private static async Task<long> OfAsync(string database, string runId, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COALESCE(SUM(LENGTH(CAST(h.data AS BLOB))), 0) + COALESCE(SUM(LENGTH(CAST(p.text AS BLOB))), 0)
            FROM history h LEFT JOIN payloads p ON p.payload_id = h.payload_id
            WHERE h.instance_id = $id
            """;
        command.Parameters.AddWithValue("$id", runId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
