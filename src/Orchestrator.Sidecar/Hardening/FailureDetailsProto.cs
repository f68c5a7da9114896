using System.Collections;
using System.Globalization;
using DurableTask.Core;
using Google.Protobuf.WellKnownTypes;
using Newtonsoft.Json.Linq;
using P = Microsoft.DurableTask.Protobuf;

namespace Orchestrator.Sidecar.Hardening;

/// <summary>
/// Failure details in the gRPC protocol's shape (docs/sidecar.md#7-failed-instances-lose-their-failure-details), from
/// the backend's object or from the JSON of a history event. Property values are encoded the way the SDK reads them:
/// numbers as doubles, times as "dt:"/"dto:" strings, dictionaries as structs, sequences as lists.
/// </summary>
internal static class FailureDetailsProto
{
    public static P.TaskFailureDetails From(FailureDetails details)
    {
        var proto = new P.TaskFailureDetails
        {
            ErrorType = details.ErrorType ?? string.Empty,
            ErrorMessage = details.ErrorMessage ?? string.Empty,
            StackTrace = details.StackTrace,
            IsNonRetriable = details.IsNonRetriable,
            InnerFailure = details.InnerFailure is { } inner ? From(inner) : null,
        };
        foreach (var (name, value) in details.Properties ?? new Dictionary<string, object?>())
        {
            proto.Properties.Add(name, ToValue(value));
        }

        return proto;
    }

    public static P.TaskFailureDetails From(JObject details)
    {
        var proto = new P.TaskFailureDetails
        {
            ErrorType = details.Value<string?>(nameof(FailureDetails.ErrorType)) ?? string.Empty,
            ErrorMessage = details.Value<string?>(nameof(FailureDetails.ErrorMessage)) ?? string.Empty,
            StackTrace = details.Value<string?>(nameof(FailureDetails.StackTrace)),
            IsNonRetriable = details.Value<bool?>(nameof(FailureDetails.IsNonRetriable)) ?? false,
            InnerFailure = details[nameof(FailureDetails.InnerFailure)] is JObject inner ? From(inner) : null,
        };
        if (details[nameof(FailureDetails.Properties)] is JObject properties)
        {
            foreach (var (name, value) in properties)
            {
                proto.Properties.Add(name, ToValue(Plain(value)));
            }
        }

        return proto;
    }

    private static Value ToValue(object? value) => value switch
    {
        null => Value.ForNull(),
        string text => Value.ForString(text),
        bool flag => Value.ForBool(flag),
        int or long or float or double or decimal or short or byte or uint or ulong => Value.ForNumber(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        DateTime time => Value.ForString("dt:" + time.ToString("O", CultureInfo.InvariantCulture)),
        DateTimeOffset time => Value.ForString("dto:" + time.ToString("O", CultureInfo.InvariantCulture)),
        IDictionary<string, object?> map => Value.ForStruct(Struct(map)),
        JToken token => ToValue(Plain(token)),
        IEnumerable items => Value.ForList([.. items.Cast<object?>().Select(ToValue)]),
        _ => Value.ForString(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty),
    };

    private static Struct Struct(IDictionary<string, object?> map)
    {
        var result = new Struct();
        foreach (var (name, value) in map)
        {
            result.Fields.Add(name, ToValue(value));
        }

        return result;
    }

    private static object? Plain(JToken? token) => token switch
    {
        null => null,
        JObject map => map.Properties().ToDictionary(p => p.Name, p => Plain(p.Value)),
        JArray items => items.Select(Plain).ToList(),
        JValue value => value.Value,
        _ => token.ToString(),
    };
}
