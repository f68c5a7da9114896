using System.Globalization;

namespace Orchestrator.Testing;

/// <summary>
/// One Azurite for the test assembly's Azure Storage tests: free ports, a throwaway data directory, killed (whole
/// tree, by PID) on dispose. Fails — never skips — when ./build.sh test has not installed it.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly TempDirectory _location = new("orch-azurite-");
    private ChildProcess? _process;
    private int _taskHubs;

    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>A task hub name no other test uses.</summary>
    public string NewTaskHub(string prefix) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}{Environment.ProcessId % 10000}n{Interlocked.Increment(ref _taskHubs)}");

    public async ValueTask InitializeAsync()
    {
        var executable = RepoPaths.AzuriteExecutable;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed ({executable} is missing): run ./build.sh test, which installs it with npm ci --prefix tools/azurite.");
        }

        int blob = FreePort.Next(), queue = FreePort.Next(), table = FreePort.Next();
        _process = ChildProcess.Start(executable,
        [
            "--skipApiVersionCheck", "--silent", "--location", _location.Path,
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", Port(blob), "--queuePort", Port(queue), "--tablePort", Port(table),
        ]);
        await Eventually.TrueAsync(
            async () => _process.HasExited
                || (await FreePort.AcceptsAsync(blob, default) && await FreePort.AcceptsAsync(queue, default) && await FreePort.AcceptsAsync(table, default)),
            TimeSpan.FromSeconds(60),
            "Azurite did not open its ports");
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"Azurite exited at start:{Environment.NewLine}{_process.Output}");
        }

        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{Port(blob)}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{Port(queue)}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{Port(table)}/devstoreaccount1;";
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _location.Dispose();
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
