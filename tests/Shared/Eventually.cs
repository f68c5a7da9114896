namespace Orchestrator.Testing;

/// <summary>Waits for a condition with a deadline; a hung dependency fails the test with a message.</summary>
internal static class Eventually
{
    public static Task TrueAsync(Func<Task<bool>> condition, TimeSpan deadline, string failure) =>
        TrueAsync(condition, deadline, () => failure);

    /// <summary>Waits for <paramref name="condition"/>; <paramref name="failure"/> is built at the deadline, so it can show the last state.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan deadline, Func<string> failure)
    {
        using var timeout = new CancellationTokenSource(deadline);
        while (true)
        {
            if (await condition())
            {
                return;
            }

            try
            {
                await Task.Delay(100, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{failure()} (waited {deadline.TotalSeconds:0} s)");
            }
        }
    }

    public static Task TrueAsync(Func<bool> condition, TimeSpan deadline, string failure) =>
        TrueAsync(() => Task.FromResult(condition()), deadline, failure);

    public static Task TrueAsync(Func<bool> condition, TimeSpan deadline, Func<string> failure) =>
        TrueAsync(() => Task.FromResult(condition()), deadline, failure);
}
