using Orchestrator.Abstractions;

namespace Orchestrator.Engine.Payloads;

/// <summary>A value over a payload limit, or a stored payload that is missing or damaged; the message says which and what to do.</summary>
public sealed class PayloadException : OrchestratorException
{
    public PayloadException()
    {
    }

    public PayloadException(string message)
        : base(message)
    {
    }

    public PayloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
