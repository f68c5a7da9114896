using System.Diagnostics;
using System.Globalization;
using Orchestrator.Testing;

namespace Orchestrator.Bench.Sidecar;

/// <summary>An Azurite started for the bench on free ports with a throwaway data directory, killed (whole tree) at the end.</summary>
internal sealed class BenchAzurite : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process _process;
    private readonly string _location;

    private BenchAzurite(Process process, string location, string connectionString)
    {
        _process = process;
        _location = location;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<BenchAzurite> StartAsync(CancellationToken cancellationToken)
    {
        var executable = Path.Combine(FindRepoRoot(), "tools", "azurite", "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed ({executable}): run ./build.sh bench Sidecar, which installs it.");
        }

        var location = Directory.CreateTempSubdirectory("orch-bench-azurite-").FullName;
        int[] ports = [FreePort.Next(), FreePort.Next(), FreePort.Next()];
        var info = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[
            "--skipApiVersionCheck", "--silent", "--location", location,
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", P(ports[0]), "--queuePort", P(ports[1]), "--tablePort", P(ports[2])])
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        foreach (var port in ports)
        {
            while (!await FreePort.AcceptsAsync(port, deadline.Token))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited: {await process.StandardError.ReadToEndAsync(cancellationToken)}");
                }

                await Task.Delay(100, deadline.Token);
            }
        }

        var connection =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{P(ports[0])}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{P(ports[1])}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{P(ports[2])}/devstoreaccount1;";
        return new BenchAzurite(process, location, connection);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_location, recursive: true);
    }

    private static string P(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the bench from the repository (./build.sh bench Sidecar).");
    }
}
