using System.Collections.Concurrent;
using System.Diagnostics;

namespace Orchestrator.Testing;

/// <summary>A child process tracked by PID, its output captured; disposing kills its whole tree.</summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private ChildProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output => string.Join(Environment.NewLine, _lines);

    /// <param name="workingDirectory">The directory the process starts in; the test process's when null.</param>
    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Add(e.Data);
        process.ErrorDataReceived += (_, e) => child.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public static ChildProcess StartDotnet(string dll, IEnumerable<string> arguments, IDictionary<string, string>? environment = null, string? workingDirectory = null) =>
        Start("dotnet", [dll, .. arguments], environment, workingDirectory);

    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan deadline, string what)
    {
        string? found = null;
        await Eventually.TrueAsync(
            () =>
            {
                found = _lines.FirstOrDefault(predicate);
                return found is not null || _process.HasExited;
            },
            deadline,
            () => $"{what}; output so far:{Environment.NewLine}{Output}");
        return found ?? throw new InvalidOperationException($"{what}: the process exited with code {_process.ExitCode}; output:{Environment.NewLine}{Output}");
    }

    /// <summary>kill -9 of the whole tree.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Sends SIGTERM, like a service manager stopping the process.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits for exit; <c>false</c> when the deadline passes first.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public int ExitCode => _process.ExitCode;

    public async ValueTask DisposeAsync()
    {
        try
        {
            Kill();
            await WaitForExitAsync(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }
}
