using System.Globalization;
using System.Text;

namespace Orchestrator.Cli.Output;

/// <summary>Formats durations the way manifests write them (Go style: <c>1h30m</c>, <c>45s</c>, <c>500ms</c>).</summary>
internal static class DurationText
{
    /// <summary>A duration given in seconds, as the contracts give durations.</summary>
    public static string? FromSeconds(double? seconds) => seconds is { } value ? Format(TimeSpan.FromSeconds(value)) : null;

    public static string? Format(TimeSpan? duration)
    {
        if (duration is not { } value)
        {
            return null;
        }

        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new StringBuilder();
        Append(text, (long)value.TotalHours, "h");
        Append(text, value.Minutes, "m");
        Append(text, value.Seconds, "s");
        Append(text, value.Milliseconds, "ms");
        return text.ToString();
    }

    private static void Append(StringBuilder text, long amount, string unit)
    {
        if (amount != 0)
        {
            text.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }
}
