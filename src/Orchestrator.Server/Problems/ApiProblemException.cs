using Orchestrator.Abstractions;

namespace Orchestrator.Server.Problems;

/// <summary>A request the API refuses; the problem middleware turns it into problem details with this status.</summary>
public sealed class ApiProblemException : OrchestratorException
{
    public ApiProblemException()
    {
    }

    public ApiProblemException(string message)
        : base(message)
    {
    }

    public ApiProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ApiProblemException(int status, string detail, IEnumerable<string>? errors = null)
        : base(detail)
    {
        Status = status;
        Errors = [.. errors ?? []];
    }

    /// <summary>The HTTP status code.</summary>
    public int Status { get; } = 400;

    /// <summary>Every problem, when there are several.</summary>
    public IReadOnlyList<string> Errors { get; } = [];
}
