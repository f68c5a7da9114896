using System.Collections.Immutable;
using Orchestrator.Abstractions;

namespace Orchestrator.Engine.Runs;

/// <summary>A value given to a run (an event payload) that the engine cannot carry; <see cref="Problems"/> says why.</summary>
public sealed class InvalidValueException : OrchestratorException
{
    public InvalidValueException()
    {
    }

    public InvalidValueException(string message)
        : base(message)
    {
    }

    public InvalidValueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvalidValueException(IReadOnlyList<string> problems)
        : this(string.Join("; ", problems))
    {
        Problems = [.. problems];
    }

    /// <summary>Every problem of the value.</summary>
    public ImmutableArray<string> Problems { get; } = [];

    /// <summary>Throws when <paramref name="value"/> breaks a rule of <see cref="JsonValues"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="what">What it is, e.g. <c>payload</c>.</param>
    /// <exception cref="InvalidValueException">It does.</exception>
    public static void ThrowIfInvalid(System.Text.Json.JsonElement? value, string what)
    {
        if (JsonValues.Problems(value, what) is { Count: > 0 } problems)
        {
            throw new InvalidValueException(problems);
        }
    }
}
