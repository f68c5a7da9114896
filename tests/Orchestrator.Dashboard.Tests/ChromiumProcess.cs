using System.Text.RegularExpressions;

namespace Orchestrator.Dashboard.Tests;

/// <summary>
/// Debian's headless Chromium (<c>/usr/bin/chromium</c>, installed by <c>./build.sh test</c>) as a child process the
/// tests own by PID, listening for DevTools on a free loopback port; Playwright connects to it. Disposing kills its
/// whole process tree. Nothing is downloaded: there is no Playwright browser here.
/// </summary>
public sealed partial class ChromiumProcess : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly TempDirectory _profile;
    private readonly ChildProcess _process;

    private ChromiumProcess(TempDirectory profile, ChildProcess process, string endpoint)
    {
        _profile = profile;
        _process = process;
        Endpoint = endpoint;
    }

    /// <summary>The browser's DevTools WebSocket address.</summary>
    public string Endpoint { get; }

    public int Id => _process.Id;

    public static async Task<ChromiumProcess> StartAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new FileNotFoundException($"{Executable} is missing: install Debian's chromium (apt-get install -y chromium; ./build.sh test does).", Executable);
        }

        var profile = new TempDirectory("orch-chromium-");
        var process = ChildProcess.Start(
            Executable,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--metrics-recording-only",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", $"--user-data-dir={profile.Path}", "about:blank",
            ]);
        try
        {
            var line = await process.WaitForLineAsync(l => l.Contains("DevTools listening on ws://", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "chromium's 'DevTools listening on' line");
            return new ChromiumProcess(profile, process, DevToolsUrl().Match(line).Value);
        }
        catch
        {
            await process.DisposeAsync();
            profile.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _profile.Dispose();
    }

    [GeneratedRegex(@"ws://127\.0\.0\.1:\d+/devtools/browser/[0-9a-f-]+")]
    private static partial Regex DevToolsUrl();
}
