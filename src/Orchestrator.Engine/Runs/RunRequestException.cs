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
        : this(Describe(target, [.. problems]))
    {
        Target = target;
        Problems = [.. problems];
    }

    /// <summary>The workflow or plugin requested.</summary>
    public string? Target { get; }

    /// <summary>Every problem found, one per line of the message.</summary>
    public ImmutableArray<string> Problems { get; } = [];

    private static string Describe(string target, IReadOnlyList<string> problems) =>
        $"cannot start '{target}' ({problems.Count} problem(s)):{Environment.NewLine}" +
        string.Join(Environment.NewLine, problems.Select(p => $"  - {p}"));
}
