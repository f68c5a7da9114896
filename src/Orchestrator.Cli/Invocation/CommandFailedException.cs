using Orchestrator.Abstractions;

namespace Orchestrator.Cli.Invocation;

/// <summary>A command could not do what was asked (exit code 1): the message, then indented details.</summary>
internal sealed class CommandFailedException : OrchestratorException
{
    public CommandFailedException(string message, IReadOnlyList<string>? details = null)
        : base(message)
    {
        Details = details ?? [];
    }

    public IReadOnlyList<string> Details { get; }
}
