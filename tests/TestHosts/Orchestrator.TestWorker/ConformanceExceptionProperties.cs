using Microsoft.DurableTask.Worker;

namespace Orchestrator.TestWorker;

/// <summary>The custom exception properties the conformance worker reports (the SDK's <see cref="IExceptionPropertiesProvider"/>).</summary>
public sealed class ConformanceExceptionProperties : IExceptionPropertiesProvider
{
    /// <inheritdoc />
    public IDictionary<string, object?>? GetExceptionProperties(Exception exception) => exception switch
    {
        BusinessRuleException rule => new Dictionary<string, object?>
        {
            ["code"] = rule.Code,
            ["attempt"] = rule.Attempt,
            ["limit"] = rule.Limit,
            ["critical"] = rule.Critical,
            ["at"] = rule.At,
            ["missing"] = null,
        },
        ArgumentOutOfRangeException range => new Dictionary<string, object?>
        {
            ["param"] = range.ParamName,
            ["actual"] = range.ActualValue?.ToString(),
        },
        _ => null,
    };
}
