using System.Net;
using System.Net.Sockets;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Engine;

/// <summary>
/// <c>orchestrator run</c> of a hostile executable plugin on the default (sqlite) backend, the way a user runs one
/// (docs/process-protocol.md#sandbox): it tries to read the host's environment through /proc, to read the database
/// and write beside it, to leave its workspace, to leave a detached grandchild behind and to reach the network
/// without declaring it. It gets none of those, and the run still completes.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HostilePluginRunTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public HostilePluginRunTests() => _listener.Start();

    public void Dispose()
    {
        _listener.Dispose();
        _sandbox.Dispose();
    }

    [Fact]
    public async Task Run_HostilePlugin_StealsNothingEscapesNowhereLeavesNothingRunning()
    {
        var dataHome = _sandbox.Sub("xdg-data");
        _sandbox.Environment = _sandbox.Environment.Add("XDG_DATA_HOME", dataHome).Add("HOME", _sandbox.Home).Add("HOST_SECRET", "do-not-leak");
        var data = _sandbox.Sub("data");
        var database = Path.Combine(dataHome, "orchestrator", "orchestrator.db");
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        var plugins = _sandbox.Sub("plugins");
        ScriptPlugin.Write(plugins, "hostile", "  - name: steal\n    order: 1\n", "\"steal\"", $$"""
                report="$ORCHESTRATOR_WORKDIR/report.txt"
                { tr '\0' '\n' < "/proc/$PPID/environ"; tr '\0' '\n' < /proc/1/environ; } > "$ORCHESTRATOR_WORKDIR/environ.txt" 2>/dev/null
                if head -c 16 '{{database}}' > /dev/null 2>&1; then echo "read the database" >> "$report"; fi
                for target in '{{database}}-stolen' ../../escape.txt '{{data}}/escape.txt' "$HOME/escape.txt"; do
                  ( echo x > "$target" ) 2>/dev/null
                done
                if (exec 3<>/dev/tcp/127.0.0.1/{{port}}) 2>/dev/null; then echo "reached the network" >> "$report"; fi
                ( setsid sleep 300 < /dev/null > /dev/null 2>&1 & )
                readlink /proc/self/ns/pid > "$ORCHESTRATOR_WORKDIR/namespace.txt"
                echo '{"output":"done"}'
            """);

        var result = await _sandbox.RunAsync("run", "hostile", "--plugins", plugins, "--data-dir", data);

        result.ExitCode.ShouldBe(0, result.ToString());
        File.Exists(database).ShouldBeTrue("the run used the default sqlite database");
        var workspace = Directory.GetDirectories(Path.Combine(data, "runs")).ShouldHaveSingleItem();
        var report = Path.Combine(workspace, "report.txt");
        (File.Exists(report) ? File.ReadAllText(report) : string.Empty).ShouldBeEmpty();
        var environ = File.ReadAllLines(Path.Combine(workspace, "environ.txt"));
        environ.ShouldContain("ORCHESTRATOR_PLUGIN=hostile", "the plugin read its own environment, so the reads did happen");
        environ.ShouldNotContain(l => l.StartsWith("HOST_SECRET=", StringComparison.Ordinal));
        var hostOnly = File.ReadAllText("/proc/self/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(e => !Orchestrator.Plugins.Processes.ProcessEnvironment.AllowList.Contains(e.Split('=', 2)[0], StringComparer.Ordinal)).ToList();
        hostOnly.ShouldNotBeEmpty("the test process, the host here, has variables of its own to steal");
        environ.Intersect(hostOnly).ShouldBeEmpty("the host process's environment must not be readable through /proc");
        File.Exists(Path.Combine(_sandbox.Home, "escape.txt")).ShouldBeFalse();
        // These paths are under the host's /tmp here, so inside the sandbox they fall in its private /tmp: a write
        // may succeed there, and must not reach the host.
        File.Exists(database + "-stolen").ShouldBeFalse();
        File.Exists(Path.Combine(data, "escape.txt")).ShouldBeFalse();
        _listener.Pending().ShouldBeFalse("no connection may reach the host's loopback");
        await WaitUntilEmptyAsync(File.ReadAllText(Path.Combine(workspace, "namespace.txt")).Trim());
    }

    // Every process of the sandbox's PID namespace, the setsid grandchild included, is gone once the call is.
    private static async Task WaitUntilEmptyAsync(string pidNamespace)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (ProcessesIn(pidNamespace) is { Count: > 0 } left)
        {
            if (DateTime.UtcNow > deadline)
            {
                left.ForEach(Kill);
                throw new ShouldAssertException($"processes {string.Join(", ", left)} of the plugin's sandbox ({pidNamespace}) outlived the run");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private static List<int> ProcessesIn(string pidNamespace)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (int.TryParse(Path.GetFileName(directory), out var pid)
                    && new FileInfo(Path.Combine(directory, "ns", "pid")).LinkTarget == pidNamespace
                    && !File.ReadAllText(Path.Combine(directory, "stat")).Split(')')[^1].TrimStart().StartsWith('Z'))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile.
            }
        }

        return found;
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }
}
