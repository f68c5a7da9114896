using System.Text.RegularExpressions;

namespace Orchestrator.Testing;

/// <summary>One <c>orchestrator serve</c> process of a <see cref="ServeCluster"/>: its worker id, process and API client.</summary>
internal sealed partial class ServeNode : IAsyncDisposable
{
    private ServeNode(string workerId, ChildProcess process, Uri address)
    {
        WorkerId = workerId;
        Process = process;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(100) };
    }

    public string WorkerId { get; }

    public ChildProcess Process { get; }

    public HttpClient Client { get; }

    /// <summary>Waits for the node's listening line (or its exit) and connects a client to it.</summary>
    public static async Task<ServeNode> ConnectAsync(string workerId, ChildProcess process, TimeSpan deadline)
    {
        var line = await process.WaitForLineAsync(l => l.StartsWith("Orchestrator API listening on ", StringComparison.Ordinal), deadline, $"node {workerId} listening");
        return new ServeNode(workerId, process, new Uri(ListeningUrl().Match(line).Value));
    }

    /// <summary>kill -9 of the node's process tree, then waits for it to be gone.</summary>
    public async Task KillAsync()
    {
        Process.Kill();
        if (!await Process.WaitForExitAsync(TimeSpan.FromSeconds(20)))
        {
            throw new InvalidOperationException($"node {WorkerId} did not exit within 20 s of kill -9");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Process.DisposeAsync();
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex ListeningUrl();
}
