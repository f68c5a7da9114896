namespace Orchestrator.TestWorker;

/// <summary>
/// An application exception with properties of several kinds, which <see cref="ConformanceExceptionProperties"/> puts
/// into the failure details: the conformance suite checks that every one survives the backend.
/// </summary>
public sealed class BusinessRuleException : Exception
{
    public BusinessRuleException()
    {
    }

    public BusinessRuleException(string message)
        : base(message)
    {
    }

    public BusinessRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string Code { get; init; } = "RULE-1";

    public int Attempt { get; init; }

    public long Limit { get; init; } = 9_999_999_999L;

    public bool Critical { get; init; } = true;

    public DateTime At { get; init; } = new(2025, 10, 15, 14, 30, 0, DateTimeKind.Utc);
}
