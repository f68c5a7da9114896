namespace Orchestrator.Abstractions.Context;

/// <summary>Thrown when a typed accessor finds a value it cannot convert to the requested type.</summary>
public sealed class ContextValueTypeException : OrchestratorException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="key">The key that was read.</param>
    /// <param name="expectedType">What the caller asked for (for example <c>integer (Int64)</c>).</param>
    /// <param name="actualType">What the key holds (for example <c>string</c>).</param>
    /// <param name="innerException">The conversion failure, if there was one.</param>
    public ContextValueTypeException(string key, string expectedType, string actualType, Exception? innerException = null)
        : base(
            $"Context key '{key}' holds {actualType}, which cannot be read as {expectedType}. " +
            $"Read it with the accessor for {actualType}, or store {expectedType} under this key.",
            innerException!)
    {
        Key = key;
        ExpectedType = expectedType;
        ActualType = actualType;
    }

    /// <summary>The key that was read.</summary>
    public string Key { get; }

    /// <summary>The type the caller asked for.</summary>
    public string ExpectedType { get; }

    /// <summary>A description of the value the key holds.</summary>
    public string ActualType { get; }
}
