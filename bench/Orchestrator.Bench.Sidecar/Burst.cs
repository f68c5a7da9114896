using System.Diagnostics;

namespace Orchestrator.Bench.Sidecar;

/// <summary>
/// The case of issue 15 item 6: <see cref="Runs"/> 3-activity runs started at once, each by its own caller that then
/// polls its run's status every <see cref="DefaultPollEvery"/> (or the interval given) until it completes, the way a client of the public SDK waits
/// for a run it started. Unlike a batch (one query for all runs), this adds one status read per run and poll.
/// </summary>
internal static class Burst
{
    public const int Runs = 300;

    public static readonly TimeSpan DefaultPollEvery = TimeSpan.FromMilliseconds(100);

    /// <param name="target">The target's name in the report.</param>
    /// <param name="runAndPollAsync">Starts run number i under the given id and returns once a poll has seen it complete.</param>
    /// <param name="storageProcessId">The storage process (Azurite) whose CPU share over the burst is reported.</param>
    /// <param name="deadline">When the burst is given up; the result then counts the runs completed by then.</param>
    /// <param name="cancellationToken">Cancels the whole bench.</param>
    public static async Task<BurstResult> RunAsync(
        string target, Func<string, CancellationToken, Task> runAndPollAsync, int storageProcessId, TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        var prefix = $"burst-{Guid.NewGuid():N}-";
        var completions = new List<double>(Runs);
        var storageBefore = Measure.StorageCpu(storageProcessId);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        try
        {
            await Task.WhenAll(Enumerable.Range(0, Runs).Select(async i =>
            {
                await runAndPollAsync(prefix + i, timeout.Token);
                lock (completions)
                {
                    completions.Add(watch.Elapsed.TotalSeconds);
                }
            }));
        }
        catch (Exception ex) when (ex is OperationCanceledException or Grpc.Core.RpcException { StatusCode: Grpc.Core.StatusCode.Cancelled }
            && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"burst on {target}: {completions.Count} of {Runs} runs completed within {deadline.TotalSeconds:0} s");
        }

        var wall = watch.Elapsed.TotalSeconds;
        var storageShare = (Measure.StorageCpu(storageProcessId) - storageBefore).TotalSeconds / wall;
        var ownShare = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds / wall;
        completions.Sort();
        await Console.Error.WriteLineAsync(FormattableString.Invariant($"burst on {target}: {completions.Count} of {Runs} completed, last at {(completions.Count > 0 ? completions[^1] : double.NaN):0.0} s, storage cpu {storageShare:P0}"));
        var last = completions.Count == Runs ? completions[^1] : deadline.TotalSeconds;
        return new BurstResult(
            target,
            Runs,
            completions.Count,
            completions.Count / last,
            completions.Count > 0 ? completions[0] : double.NaN,
            completions.Count > 0 ? Result.Percentile(completions, 0.5) : double.NaN,
            last)
        {
            StorageCpuShare = storageShare,
            OwnCpuShare = ownShare,
        };
    }
}
