namespace Orchestrator.Abstractions.Context;

/// <summary>How a <see cref="ContextManager"/> measures a session's time to live.</summary>
public enum ContextExpiration
{
    /// <summary>From the last access: any read or write of the session's context, or getting the session, renews it.</summary>
    Sliding,

    /// <summary>From the session's creation, whatever happens to it afterwards.</summary>
    Absolute,
}
