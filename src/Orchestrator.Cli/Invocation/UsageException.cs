using Orchestrator.Abstractions;

namespace Orchestrator.Cli.Invocation;

/// <summary>The command line asks for something that cannot be done as given (exit code 2); one line per problem.</summary>
internal sealed class UsageException : OrchestratorException
{
    public UsageException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    public UsageException(string problem)
        : this([problem])
    {
    }

    public UsageException(string problem, Exception innerException)
        : base(problem, innerException)
    {
        Problems = [problem];
    }

    public IReadOnlyList<string> Problems { get; }
}
