using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Orchestrator.Testing;

/// <summary>
/// A child process tracked by PID, its output captured line by line (stdout and stderr, together and apart); disposing
/// kills its whole tree, whatever the test did. Its stdin is a pipe of its own, never the test runner's. Free of xunit,
/// so the benchmarks link it too.
/// </summary>
/// <remarks>
/// Unless the caller sets <c>XDG_DATA_HOME</c>, the child gets an empty one of its own (deleted with it): the default
/// sqlite database of <c>orchestrator</c> lives there, and no test may open the database of the user running the tests.
/// </remarks>
internal sealed class ChildProcess : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan ReapDeadline = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly ConcurrentQueue<(bool IsError, string Text)> _lines = new();
    private readonly string? _dataHome;

    private ChildProcess(Process process, string? dataHome)
    {
        _process = process;
        _dataHome = dataHome;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>stdout and stderr in the order their lines arrived.</summary>
    public string Output => Join(_ => true);

    public string StandardOutput => Join(line => !line.IsError);

    public string StandardError => Join(line => line.IsError);

    /// <summary>Starts <paramref name="fileName"/>.</summary>
    /// <param name="fileName">The executable.</param>
    /// <param name="arguments">Its arguments, passed as they are.</param>
    /// <param name="environment">Variables to set on top of the test process's environment.</param>
    /// <param name="workingDirectory">Where it runs; the test process's directory when null.</param>
    /// <param name="unset">Variables of the test process's environment the child must not see.</param>
    public static ChildProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        IDictionary<string, string>? environment = null,
        string? workingDirectory = null,
        IEnumerable<string>? unset = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
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

        foreach (var name in unset ?? [])
        {
            info.Environment.Remove(name);
        }

        string? dataHome = null;
        if (environment?.ContainsKey("XDG_DATA_HOME") != true)
        {
            dataHome = Directory.CreateTempSubdirectory("orch-child-data-").FullName;
            info.Environment["XDG_DATA_HOME"] = dataHome;
        }

        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process, dataHome);
        process.OutputDataReceived += (_, e) => child.Add(isError: false, e.Data);
        process.ErrorDataReceived += (_, e) => child.Add(isError: true, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public static ChildProcess StartDotnet(string dll, IEnumerable<string> arguments, IDictionary<string, string>? environment = null, string? workingDirectory = null) =>
        Start("dotnet", [dll, .. arguments], environment, workingDirectory);

    /// <summary>Runs <paramref name="fileName"/> to its end; kills the tree and fails when <paramref name="deadline"/> passes first.</summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan deadline,
        IDictionary<string, string>? environment = null,
        string? workingDirectory = null,
        IEnumerable<string>? unset = null)
    {
        await using var child = Start(fileName, arguments, environment, workingDirectory, unset);
        var exitCode = await child.WaitForExitCodeAsync(deadline);
        return new ProcessResult(exitCode, child.Output, child.StandardOutput, child.StandardError);
    }

    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan deadline, string what)
    {
        string? found = null;
        await Eventually.TrueAsync(
            () =>
            {
                found = _lines.Select(line => line.Text).FirstOrDefault(predicate);
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

    /// <summary>Sends SIGTERM, like a service manager or <c>docker stop</c> stopping the process.</summary>
    public Task TerminateAsync() => SignalAsync("TERM");

    /// <summary>Sends a signal by name (<c>INT</c> is Ctrl+C, <c>TERM</c> a service manager's stop) to the process only, not its tree.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits for exit; <c>false</c> when the deadline passes first (the process keeps running).</summary>
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

    /// <summary>Waits for exit and returns the exit code; kills the tree and fails when the deadline passes first.</summary>
    public async Task<int> WaitForExitCodeAsync(TimeSpan deadline)
    {
        if (!await WaitForExitAsync(deadline))
        {
            Kill();
            throw new TimeoutException(
                $"{_process.StartInfo.FileName} {string.Join(' ', _process.StartInfo.ArgumentList)} (pid {Id}) did not exit within {deadline.TotalSeconds:0} s; output:{Environment.NewLine}{Output}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            Kill();
            using var reap = new CancellationTokenSource(ReapDeadline);
            await _process.WaitForExitAsync(reap.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // Never started, already reaped, or still going away after the deadline.
        }

        _process.Dispose();
        DeleteDataHome();
    }

    public void Dispose()
    {
        try
        {
            Kill();
            _process.WaitForExit(ReapDeadline);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
        DeleteDataHome();
    }

    private void DeleteDataHome()
    {
        try
        {
            if (_dataHome is not null && Directory.Exists(_dataHome))
            {
                Directory.Delete(_dataHome, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A grandchild still writing there; the temp directory is the operating system's to clean.
        }
    }

    private string Join(Func<(bool IsError, string Text), bool> which) =>
        string.Join(Environment.NewLine, _lines.Where(which).Select(line => line.Text));

    private void Add(bool isError, string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue((isError, line));
        }
    }
}
