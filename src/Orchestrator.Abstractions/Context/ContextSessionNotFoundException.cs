namespace Orchestrator.Abstractions.Context;

/// <summary>Thrown when a <see cref="ContextManager"/> has no live session with the requested id.</summary>
public sealed class ContextSessionNotFoundException : OrchestratorException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="sessionId">The id that was looked up.</param>
    public ContextSessionNotFoundException(string sessionId)
        : base($"Context session '{sessionId}' does not exist or has expired. Create it with ContextManager.Create, or use TryGet.")
    {
        SessionId = sessionId;
    }

    /// <summary>The id that was looked up.</summary>
    public string SessionId { get; }
}
