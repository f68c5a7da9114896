using System.Collections.Concurrent;

namespace Orchestrator.Abstractions.Tests.Context;

/// <summary>Runs a body on several threads released together, with a deadline, and rethrows their failures.</summary>
internal static class ConcurrentRunner
{
    public static void Run(int threadCount, Action<int> body, TimeSpan deadline)
    {
        using var start = new Barrier(threadCount);
        var failures = new ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, threadCount).Select(index => new Thread(() =>
        {
            try
            {
                start.SignalAndWait(deadline);
                body(index);
            }
            catch (Exception exception)
            {
                failures.Enqueue(exception);
            }
        })
        { IsBackground = true }).ToList();

        threads.ForEach(thread => thread.Start());
        foreach (var thread in threads)
        {
            thread.Join(deadline).ShouldBeTrue($"a worker thread did not finish within {deadline}; the code under test may be deadlocked");
        }

        if (!failures.IsEmpty)
        {
            throw new AggregateException(failures);
        }
    }
}
