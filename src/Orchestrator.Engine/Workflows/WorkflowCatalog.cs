using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Orchestrator.Documents.Problems;

namespace Orchestrator.Engine.Workflows;

/// <summary>
/// Finds workflow files in <c>--workflows DIR</c> (repeatable), <c>./workflows</c>,
/// <c>$XDG_CONFIG_HOME/orchestrator/workflows</c> and <c>$XDG_DATA_HOME/orchestrator/workflows</c>, highest precedence
/// first: a name found twice is taken from the higher path and the lower file is reported as shadowed.
/// Files are looked at on every call (one whose content changed is parsed again), so edits apply to the next run
/// without a restart.
/// </summary>
public sealed class WorkflowCatalog(IOptions<EngineOptions> options)
{
    private readonly ConcurrentDictionary<string, (byte[] Content, WorkflowReadResult Result)> _read = new(StringComparer.Ordinal);

    // The paths depend only on the options, the environment and the current directory, which a running process keeps:
    // looked up again on every start, the environment variables cost more than the rest of the look-up.
    private SearchPathsOf? _searchPaths;

    /// <summary>The search paths in precedence order (missing directories included; they are skipped).</summary>
    public ImmutableArray<string> SearchPaths()
    {
        var current = options.Value.CurrentDirectory ?? Environment.CurrentDirectory;
        if (_searchPaths is { } known && known.Current == current)
        {
            return known.Paths;
        }

        var paths = FindSearchPaths(current);
        _searchPaths = new SearchPathsOf(current, paths);
        return paths;
    }

    private ImmutableArray<string> FindSearchPaths(string current)
    {
        var value = options.Value;
        var environment = EngineEnvironment.Of(value);
        var home = environment.TryGetValue("HOME", out var h) && Path.IsPathFullyQualified(h)
            ? h
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var paths = new List<string>();
        paths.AddRange(value.WorkflowPaths.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => Path.GetFullPath(p, current)));
        paths.Add(Path.Combine(current, "workflows"));
        paths.Add(Path.Combine(Xdg(environment, "XDG_CONFIG_HOME", Path.Combine(home, ".config")), "orchestrator", "workflows"));
        paths.Add(Path.Combine(Xdg(environment, "XDG_DATA_HOME", Path.Combine(home, ".local", "share")), "orchestrator", "workflows"));
        return [.. paths.Select(p => Path.TrimEndingDirectorySeparator(Path.GetFullPath(p))).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Reads every workflow file in the search paths.</summary>
    public WorkflowDiscoveryResult Discover(CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, WorkflowDefinition>(StringComparer.Ordinal);
        var problems = ImmutableArray.CreateBuilder<DocumentProblem>();
        var shadowed = ImmutableArray.CreateBuilder<WorkflowDefinition>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directory in SearchPaths())
        {
            foreach (var file in Files(directory, problems))
            {
                cancellationToken.ThrowIfCancellationRequested();
                seen.Add(file);
                var result = Read(file, cancellationToken);
                problems.AddRange(result.Problems);
                if (result.Workflow is not { } workflow)
                {
                    continue;
                }

                if (found.TryGetValue(workflow.Name, out var winner))
                {
                    var sameDirectory = Path.GetDirectoryName(winner.File) == Path.GetDirectoryName(file);
                    if (!sameDirectory)
                    {
                        shadowed.Add(workflow);
                    }

                    problems.Add(sameDirectory
                        ? new DocumentProblem(ProblemSeverity.Error, file, "name", null, $"workflow '{workflow.Name}' is also defined in {winner.File}; workflow names must be unique within a directory, rename one")
                        : new DocumentProblem(ProblemSeverity.Warning, file, "name", null, $"workflow '{workflow.Name}' is shadowed by {winner.File}, which comes first in the search paths"));
                    continue;
                }

                found[workflow.Name] = workflow;
            }
        }

        foreach (var gone in _read.Keys.Where(k => !seen.Contains(k)))
        {
            _read.TryRemove(gone, out _);
        }

        return new WorkflowDiscoveryResult([.. found.Values.OrderBy(w => w.Name, StringComparer.Ordinal)], problems.ToImmutable()) { Shadowed = shadowed.ToImmutable() };
    }

    // A file is parsed again only when its content changed: every start looks for its target in all the workflow files,
    // and parsing them each time cost more than the rest of the start. Reading a small file to compare it is cheap.
    private WorkflowReadResult Read(string file, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            if (new FileInfo(file).Length > WorkflowReader.MaxWorkflowBytes)
            {
                return WorkflowReader.Read(file, cancellationToken);
            }

            bytes = File.ReadAllBytes(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _read.TryRemove(file, out _);
            return WorkflowReader.Read(file, cancellationToken);
        }

        if (_read.TryGetValue(file, out var cached) && cached.Content.AsSpan().SequenceEqual(bytes))
        {
            return cached.Result;
        }

        var result = WorkflowReader.Read(file, cancellationToken);
        _read[file] = (bytes, result);
        return result;
    }

    private static IEnumerable<string> Files(string directory, ImmutableArray<DocumentProblem>.Builder problems)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        try
        {
            return [.. Directory.EnumerateFiles(directory).Where(WorkflowReader.IsWorkflowFile).Order(StringComparer.Ordinal)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(new DocumentProblem(ProblemSeverity.Error, directory, string.Empty, null, $"cannot be listed: {ex.Message}"));
            return [];
        }
    }

    private static string Xdg(IReadOnlyDictionary<string, string> environment, string variable, string fallback) =>
        environment.TryGetValue(variable, out var value) && Path.IsPathFullyQualified(value) ? value : fallback;

    private sealed record SearchPathsOf(string Current, ImmutableArray<string> Paths);
}
