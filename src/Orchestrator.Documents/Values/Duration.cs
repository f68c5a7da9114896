using System.Globalization;

namespace Orchestrator.Documents.Values;

/// <summary>
/// Parses durations as written in documents (manifests, workflows): Go style (<c>500ms</c>, <c>10m</c>, <c>1h30m</c>, <c>1.5h</c>;
/// units ns, us/µs, ms, s, m, h) and ISO 8601 (<c>PT10M</c>, <c>P1DT2H</c>, <c>P2W</c>; days and weeks are
/// 24 h and 7 days; years and months are rejected because their length varies). Negative durations are rejected.
/// </summary>
public static class Duration
{
    /// <summary>Parses <paramref name="text"/>; false (and <see cref="TimeSpan.Zero"/>) when it is not a duration.</summary>
    /// <param name="text">The duration as written, e.g. <c>1h30m</c> or <c>PT10M</c>.</param>
    /// <param name="duration">The duration.</param>
    /// <returns>Whether <paramref name="text"/> is a duration.</returns>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text) || text.Length > 64)
        {
            return false;
        }

        var ticks = text[0] is 'P' or 'p' ? ParseIso(text) : ParseGo(text);
        if (ticks is not { } value)
        {
            return false;
        }

        duration = TimeSpan.FromTicks(value);
        return true;
    }

    private static long? ParseGo(string text)
    {
        if (text == "0")
        {
            return 0;
        }

        decimal total = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!TryNumber(text, ref i, out var number))
            {
                return null;
            }

            var unitStart = i;
            while (i < text.Length && !char.IsAsciiDigit(text[i]) && text[i] != '.')
            {
                i++;
            }

            decimal? ticksPerUnit = text[unitStart..i] switch
            {
                "ns" => 0.01m,
                "us" or "µs" or "μs" => TimeSpan.TicksPerMicrosecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => null,
            };
            if (ticksPerUnit is not { } unit || !TryAdd(ref total, number * unit))
            {
                return null;
            }
        }

        return (long)decimal.Round(total);
    }

    private static long? ParseIso(string text)
    {
        decimal total = 0;
        var i = 1;
        var inTime = false;
        var components = 0;
        var lastRank = -1;
        while (i < text.Length)
        {
            if (text[i] is 'T' or 't')
            {
                if (inTime)
                {
                    return null;
                }

                inTime = true;
                i++;
                continue;
            }

            if (!TryNumber(text, ref i, out var number) || i >= text.Length)
            {
                return null;
            }

            // Ranks enforce the ISO order W, D, then H, M, S.
            var (rank, ticksPerUnit) = (char.ToUpperInvariant(text[i]), inTime) switch
            {
                ('W', false) => (0, TimeSpan.TicksPerDay * 7m),
                ('D', false) => (1, TimeSpan.TicksPerDay),
                ('H', true) => (2, TimeSpan.TicksPerHour),
                ('M', true) => (3, TimeSpan.TicksPerMinute),
                ('S', true) => (4, (decimal)TimeSpan.TicksPerSecond),
                _ => (-1, 0m),
            };
            if (rank <= lastRank || !TryAdd(ref total, number * ticksPerUnit))
            {
                return null;
            }

            lastRank = rank;
            components++;
            i++;
        }

        // "P" and "PT" alone, or a "T" with nothing after it, are not durations.
        var endsWithT = text[^1] is 'T' or 't';
        return components == 0 || endsWithT ? null : (long)decimal.Round(total);
    }

    private static bool TryNumber(string text, ref int i, out decimal number)
    {
        var start = i;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
        {
            i++;
        }

        var span = text.AsSpan(start, i - start);
        number = 0;
        return span.Length > 0 && span[0] != '.' && span[^1] != '.' &&
            decimal.TryParse(span, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);
    }

    private static bool TryAdd(ref decimal total, decimal ticks)
    {
        total += ticks;
        return total <= TimeSpan.MaxValue.Ticks;
    }
}
