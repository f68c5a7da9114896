using Orchestrator.Abstractions;

namespace Orchestrator.Engine.Activities;

/// <summary>
/// Thrown by <see cref="PhaseActivity"/> for a failure no retry can fix (see <see cref="Plugins.Execution.PhaseFailures"/>);
/// the orchestrator reads its type from the failure details and does not retry. The message ends with the reason.
/// </summary>
public sealed class NonRetryablePhaseException : OrchestratorException
{
    public NonRetryablePhaseException()
    {
    }

    public NonRetryablePhaseException(string message)
        : base(message)
    {
    }

    public NonRetryablePhaseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
