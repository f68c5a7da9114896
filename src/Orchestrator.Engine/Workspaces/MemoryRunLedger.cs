using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Orchestrator.Engine.Runs;

namespace Orchestrator.Engine.Workspaces;

/// <summary>
/// The runs a process keeps on the in-memory backend, so that another process can tell a run lost with it from one
/// that was purged and remove the workspaces of lost runs (docs/running-workflows.md#crashes-and-resuming). One file per
/// process, <c>&lt;data directory&gt;/memory-runs/&lt;pid&gt;-&lt;start&gt;.log</c>: its first line names the backend and the
/// process (a <see cref="RunMarker"/> in JSON), each other line that a run started (<c>+ ID TIME</c>) or was purged
/// (<c>- ID TIME</c>). A start appends one line to the file the process holds open, one write to the file system: a
/// file per run cost a directory, a folder and two files per start, more than the rest of a run on some file systems.
/// A durable run that takes the id of a recorded run leaves a claim (<c>memory-runs/taken/ID</c>), after which the
/// record no longer counts.
/// </summary>
public sealed class MemoryRunLedger : IDisposable
{
    /// <summary>The folder of the data directory that holds the ledgers.</summary>
    public const string FolderName = "memory-runs";

    private const string Extension = ".log";
    private const string ClaimsFolder = "taken";
    private const int MinRecordsToCompact = 1024;

    private readonly Lock _lock = new();
    private readonly string _directory;
    private readonly string _path;
    private readonly RunMarker _owner;
    private FileStream? _file;
    private int _records;
    private int _purged;

    /// <param name="directory">The ledgers' folder (<see cref="WorkspaceLayout.MemoryRunsDirectory"/>).</param>
    /// <param name="owner">The backend and the process the ledger is of.</param>
    public MemoryRunLedger(string directory, RunMarker owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        _directory = directory;
        _owner = owner;
        var start = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(owner.Owner.Started)))[..12];
        _path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{owner.Owner.Id}-{start}{Extension}"));
    }

    /// <summary>Records that the run started at <paramref name="at"/>; written when this returns.</summary>
    public void Started(string runId, DateTimeOffset at) => Append('+', runId, at, open: true);

    /// <summary>Records that a run this process started was purged: a look-up no longer says it was lost.</summary>
    public void Purged(string runId, DateTimeOffset at) => Append('-', runId, at, open: false);

    /// <summary>
    /// Rewrites the ledger without the runs purged since they started, once they are half of its records or more (a
    /// long-running process purges its runs after the retention time: its ledger then holds about as many runs as it
    /// keeps). A reader sees the old file or the new one. Returns whether it rewrote.
    /// </summary>
    public bool Compact()
    {
        lock (_lock)
        {
            // A purged run takes two records, its start and its purge.
            if (_file is null || _records < MinRecordsToCompact || _purged * 4 <= _records)
            {
                return false;
            }

            var runs = TryRead(_path, _ => true)?.Runs.Values.Where(r => r.Live).OrderBy(r => r.At).ToList();
            if (runs is null)
            {
                return false;
            }

            var text = new StringBuilder(_owner.ToJson()).Append('\n');
            foreach (var run in runs)
            {
                text.Append(Line('+', run.RunId, run.At));
            }

            var temporary = string.Create(CultureInfo.InvariantCulture, $"{_path}.{Environment.ProcessId}.tmp");
            File.WriteAllText(temporary, text.ToString());
            File.Move(temporary, _path, overwrite: true);
            _file.Dispose();
            _file = OpenAppend(_path);
            (_records, _purged) = (runs.Count, 0);
            return true;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _file?.Dispose();
            _file = null;
        }
    }

    /// <summary>
    /// The newest record of <paramref name="runId"/> among the ledgers in <paramref name="directory"/> that says it
    /// started and was neither purged nor claimed by a durable run since; null when there is none.
    /// </summary>
    public static LedgerRecord? Find(string directory, string runId)
    {
        if (!Directory.Exists(directory))
        {
            return null;
        }

        LedgerRecord? newest = null;
        foreach (var ledger in ReadAll(directory, owner => owner.IsMemory))
        {
            if (ledger.Runs.TryGetValue(runId, out var run) && run.Live && (newest is null || run.At > newest.Run.At))
            {
                newest = new LedgerRecord(ledger, run);
            }
        }

        return newest is not null && ClaimedAt(directory, runId) is { } claimed && claimed >= newest.Run.At ? null : newest;
    }

    /// <summary>
    /// The ledgers in <paramref name="directory"/> whose owner <paramref name="read"/> accepts (only their records are
    /// read); a file whose first line names no owner is skipped, and a line not yet written whole is not read.
    /// </summary>
    public static IEnumerable<Ledger> ReadAll(string directory, Func<RunMarker, bool> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (!Directory.Exists(directory))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(directory, "*" + Extension))
        {
            if (TryRead(path, read) is { } ledger)
            {
                yield return ledger;
            }
        }
    }

    /// <summary>Records that a durable run took <paramref name="runId"/> at <paramref name="at"/>: earlier records of it no longer count.</summary>
    public static void Claim(string directory, string runId, DateTimeOffset at)
    {
        RunIds.Check(runId);
        var claims = Directory.CreateDirectory(Path.Combine(directory, ClaimsFolder)).FullName;
        var path = Path.Combine(claims, runId);
        File.WriteAllBytes(path, []);
        File.SetLastWriteTimeUtc(path, at.UtcDateTime);
    }

    /// <summary>When a durable run took <paramref name="runId"/>, or null when none did.</summary>
    public static DateTimeOffset? ClaimedAt(string directory, string runId)
    {
        var path = Path.Combine(directory, ClaimsFolder, runId);
        return File.Exists(path) ? new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero) : null;
    }

    /// <summary>Deletes the claims of ids that no ledger in <paramref name="directory"/> records any more.</summary>
    public static void ForgetClaims(string directory, IReadOnlySet<string> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var claims = Path.Combine(directory, ClaimsFolder);
        if (!Directory.Exists(claims))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles(claims))
        {
            if (!recorded.Contains(Path.GetFileName(path)))
            {
                File.Delete(path);
            }
        }
    }

    private void Append(char kind, string runId, DateTimeOffset at, bool open)
    {
        RunIds.Check(runId);
        var line = Line(kind, runId, at);
        lock (_lock)
        {
            if (_file is null)
            {
                if (!open)
                {
                    return;
                }

                Directory.CreateDirectory(_directory);
                _file = OpenAppend(_path);
                if (_file.Length == 0)
                {
                    line = _owner.ToJson() + "\n" + line;
                }
            }

            // Unbuffered: one write per record, done before the start goes on, so a killed process leaves every run it started.
            _file.Write(Encoding.UTF8.GetBytes(line));
            _records++;
            _purged += kind == '-' ? 1 : 0;
        }
    }

    private static string Line(char kind, string runId, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind} {runId} {at.UtcDateTime:O}\n");

    private static FileStream OpenAppend(string path) =>
        new(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);

    private static Ledger? TryRead(string path, Func<RunMarker, bool> read)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var written = File.GetLastWriteTimeUtc(path);
            if (RunMarker.FromJson(reader.ReadLine()) is not { } owner || !read(owner))
            {
                return null;
            }

            var text = reader.ReadToEnd();
            var runs = new Dictionary<string, LedgerRun>(StringComparer.Ordinal);
            var start = 0;
            for (var end = text.IndexOf('\n', start); end >= 0; start = end + 1, end = text.IndexOf('\n', start))
            {
                if (ParseLine(text.AsSpan(start, end - start)) is { } run)
                {
                    runs[run.RunId] = run;
                }
            }

            return new Ledger(path, owner, runs, new DateTimeOffset(written, TimeSpan.Zero));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static LedgerRun? ParseLine(ReadOnlySpan<char> line)
    {
        if (line.Length < 5 || line[0] is not ('+' or '-') || line[1] != ' ')
        {
            return null;
        }

        var rest = line[2..];
        var space = rest.IndexOf(' ');
        if (space <= 0)
        {
            return null;
        }

        var runId = rest[..space].ToString();
        return RunIds.IsWellFormed(runId)
            && DateTimeOffset.TryParse(rest[(space + 1)..], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? new LedgerRun(runId, line[0] == '+', at)
            : null;
    }
}
