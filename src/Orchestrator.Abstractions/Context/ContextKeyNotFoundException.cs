namespace Orchestrator.Abstractions.Context;

/// <summary>Thrown when a value is read by a key (or phase name) that holds nothing.</summary>
public sealed class ContextKeyNotFoundException : OrchestratorException
{
    /// <summary>Creates the exception for a context key that is not set.</summary>
    /// <param name="key">The key that was read.</param>
    public ContextKeyNotFoundException(string key)
        : this(key, $"Context key '{key}' is not set. Set it before reading it, or use TryGet to handle its absence.")
    {
    }

    /// <summary>Creates the exception with a message that says what to fix.</summary>
    /// <param name="key">The key (or phase name) that was read.</param>
    /// <param name="message">The message.</param>
    public ContextKeyNotFoundException(string key, string message)
        : base(message)
    {
        Key = key;
    }

    /// <summary>The key (or phase name) that holds nothing.</summary>
    public string Key { get; }
}
