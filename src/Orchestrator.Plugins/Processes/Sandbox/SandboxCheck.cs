using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;

namespace Orchestrator.Plugins.Processes.Sandbox;

/// <summary>
/// Whether bubblewrap can make sandboxes on this machine: installed, and allowed to create namespaces (it is not in
/// most containers, and not where unprivileged user namespaces are disabled). Checked by running one sandbox; a
/// success is remembered for the life of the process, a failure is checked again next time.
/// </summary>
internal static class SandboxCheck
{
    /// <summary>What to do when executables cannot be sandboxed, appended to every message.</summary>
    public const string Remedy =
        "install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap; ./build.sh installs it), or run executables unsandboxed with "
        + "Plugins:Sandbox set to off (ORCHESTRATOR_PLUGINS__SANDBOX=off), see docs/process-protocol.md#sandbox";

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private static readonly ConcurrentDictionary<string, bool> Working = new(StringComparer.Ordinal);

    /// <summary>Null when <paramref name="bwrap"/> can make sandboxes; otherwise what is wrong and what to do.</summary>
    /// <param name="bwrap">The bubblewrap executable; null when none was found.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    public static async Task<string?> ProblemAsync(string? bwrap, CancellationToken cancellationToken)
    {
        // The remembered success holds only while the file is there: bwrap uninstalled under a running server must
        // not turn into an unexplained start failure.
        if (bwrap is not null && Working.ContainsKey(bwrap) && File.Exists(bwrap))
        {
            return null;
        }

        if (!OperatingSystem.IsLinux())
        {
            return $"executable plugins run in a bubblewrap sandbox, which needs Linux; {Remedy}";
        }

        if (bwrap is null)
        {
            return $"executable plugins run in a bubblewrap sandbox, but bwrap is not installed: {Remedy}";
        }

        var start = new ProcessStartInfo(bwrap) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in BwrapArguments.For(new SandboxSpec(bwrap, "/usr", null, Network: false), "/").Append("--").Append(ProcessTools.True ?? "/bin/true"))
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = await ProcessSpawner.StartAsync(start);
        }
        catch (Win32Exception e)
        {
            return $"executable plugins run in a bubblewrap sandbox, but '{bwrap}' cannot be started ({e.Message}): {Remedy}";
        }

        using (process)
        {
            if (await ProbeProblemAsync(process, cancellationToken) is { } problem)
            {
                return problem;
            }
        }

        Working[bwrap] = true;
        return null;
    }

    private static async Task<string?> ProbeProblemAsync(Process process, CancellationToken cancellationToken)
    {
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill();
            return $"bwrap did not start a sandbox within {Limit.TotalSeconds:0}s; {Remedy}";
        }

        if (process.ExitCode == 0)
        {
            return null;
        }

        var reason = (await stderr).Trim();
        return $"bwrap cannot create a sandbox on this machine (exit code {process.ExitCode}: {reason}); it needs unprivileged user namespaces "
            + $"(sysctl kernel.unprivileged_userns_clone=1) or, in a container, the right to create namespaces; or {Remedy}";
    }
}
