using System.Text.RegularExpressions;

namespace Orchestrator.Testing;

/// <summary>The built <c>orchestrator sidecar</c> command running as a separate process.</summary>
internal sealed partial class SidecarProcess : IAsyncDisposable
{
    private SidecarProcess(ChildProcess process, string address)
    {
        Process = process;
        Address = address;
    }

    public ChildProcess Process { get; }

    public string Address { get; }

    /// <summary>Starts <c>orchestrator sidecar --port 0 ARGS</c> and waits for its "listening" line.</summary>
    public static async Task<SidecarProcess> StartAsync(params string[] arguments)
    {
        var process = ChildProcess.StartDotnet(RepoPaths.CliDll, ["sidecar", "--port", "0", .. arguments]);
        try
        {
            var line = await process.WaitForLineAsync(l => l.Contains("Sidecar listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "the sidecar never said where it listens");
            return new SidecarProcess(process, ListeningAddress().Match(line).Value);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex ListeningAddress();
}
