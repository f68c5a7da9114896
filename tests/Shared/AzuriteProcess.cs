using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.Testing;

/// <summary>
/// An Azurite child process listening on 127.0.0.1. Azurite binds port 0 for all three services and the ports the OS
/// gave it are read from its "successfully listening" lines, so two Azurites (parallel test assemblies, a bench) never
/// race for a port chosen up front. Disposing kills its whole tree by PID.
/// </summary>
internal sealed partial class AzuriteProcess : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly string[] Services = ["Blob", "Queue", "Table"];
    private readonly ChildProcess _process;

    private AzuriteProcess(ChildProcess process, string connectionString)
    {
        _process = process;
        ConnectionString = connectionString;
    }

    /// <summary>A development-storage connection string naming the three endpoints Azurite listens on.</summary>
    public string ConnectionString { get; }

    public int ProcessId => _process.Id;

    /// <summary>Starts <paramref name="executable"/> with its data in <paramref name="location"/> and waits, up to <paramref name="deadline"/>, until all three services listen.</summary>
    public static async Task<AzuriteProcess> StartAsync(string executable, string location, TimeSpan deadline)
    {
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed ({executable} is missing): run ./build.sh test (or ./build.sh bench), which installs it with npm ci --prefix tools/azurite.");
        }

        var process = ChildProcess.Start(executable,
        [
            "--skipApiVersionCheck", "--silent", "--location", location,
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", "0", "--queuePort", "0", "--tablePort", "0",
        ]);
        try
        {
            var ports = new Dictionary<string, int>();
            foreach (var service in Services)
            {
                var line = await process.WaitForLineAsync(
                    candidate => ListeningLine().Match(candidate) is { Success: true } match && match.Groups["service"].Value == service,
                    deadline,
                    $"Azurite did not report its {service} service listening");
                ports[service] = int.Parse(ListeningLine().Match(line).Groups["port"].Value, CultureInfo.InvariantCulture);
            }

            var connection =
                $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
                string.Concat(Services.Select(service => $"{service}Endpoint=http://127.0.0.1:{ports[service].ToString(CultureInfo.InvariantCulture)}/devstoreaccount1;"));
            return new AzuriteProcess(process, connection);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    [GeneratedRegex(@"^Azurite (?<service>Blob|Queue|Table) service is successfully listening at https?://127\.0\.0\.1:(?<port>[0-9]{1,5})$")]
    private static partial Regex ListeningLine();
}
