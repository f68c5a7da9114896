using System.Collections.Immutable;
using Orchestrator.Abstractions;

namespace Orchestrator.Engine.Runs;

/// <summary>A run request was rejected before anything was scheduled; <see cref="Problems"/> lists everything to fix.</summary>
public sealed class RunRequestException : OrchestratorException
{
    public RunRequestException()
    {
    }

    public RunRequestException(string message)
        : base(message)
    {
    }

    public RunRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RunRequestException(string target, IEnumerable<string> problems)
        : this(target, problems, "start")
    {
    }

    /// <param name="target">What the request names: the workflow or plugin to start, the run to retry.</param>
    /// <param name="problems">Every problem found.</param>
    /// <param name="action">What was asked: <c>start</c>, <c>retry</c>.</param>
    public RunRequestException(string target, IEnumerable<string> problems, string action)
        : this(Describe(action, target, [.. problems]))
    {
        Target = target;
        Action = action;
        Problems = [.. problems];
    }

    /// <summary>The workflow or plugin requested, or the run to retry.</summary>
    public string? Target { get; }

    /// <summary>What was asked of <see cref="Target"/>: <c>start</c> or <c>retry</c>.</summary>
    public string Action { get; } = "start";

    /// <summary>Every problem found, one per line of the message.</summary>
    public ImmutableArray<string> Problems { get; } = [];

    private static string Describe(string action, string target, IReadOnlyList<string> problems) =>
        $"cannot {action} '{target}' ({problems.Count} problem(s)):{Environment.NewLine}" +
        string.Join(Environment.NewLine, problems.Select(p => $"  - {p}"));
}
