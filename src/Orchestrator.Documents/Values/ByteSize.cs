using System.Globalization;

namespace Orchestrator.Documents.Values;

/// <summary>
/// Parses sizes as written in documents (manifests, workflows): plain bytes (<c>1048576</c>, <c>512B</c>), decimal SI units
/// (<c>KB</c> = 1000, <c>MB</c> = 1000², <c>GB</c>, <c>TB</c>, <c>PB</c>) and binary IEC units
/// (<c>KiB</c> = 1024, <c>MiB</c> = 1024², <c>GiB</c>, <c>TiB</c>, <c>PiB</c>). Units are case-insensitive,
/// a space may separate number and unit, and a fraction is allowed when the result is whole bytes after rounding
/// (<c>1.5GB</c>). Negative sizes are rejected.
/// </summary>
public static class ByteSize
{
    /// <summary>Parses <paramref name="text"/> into bytes; false (and 0) when it is not a size.</summary>
    /// <param name="text">The size as written, e.g. <c>512MB</c>.</param>
    /// <param name="bytes">The size in bytes.</param>
    /// <returns>Whether <paramref name="text"/> is a size.</returns>
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        var numberEnd = 0;
        while (numberEnd < span.Length && (char.IsAsciiDigit(span[numberEnd]) || span[numberEnd] == '.'))
        {
            numberEnd++;
        }

        var number = span[..numberEnd];
        if (number.Length == 0 || number[0] == '.' || number[^1] == '.' ||
            !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        decimal? multiplier = span[numberEnd..].TrimStart().ToString().ToUpperInvariant() switch
        {
            "" or "B" => 1m,
            "KB" => 1e3m,
            "MB" => 1e6m,
            "GB" => 1e9m,
            "TB" => 1e12m,
            "PB" => 1e15m,
            "KIB" => 1024m,
            "MIB" => 1024m * 1024,
            "GIB" => 1024m * 1024 * 1024,
            "TIB" => 1024m * 1024 * 1024 * 1024,
            "PIB" => 1024m * 1024 * 1024 * 1024 * 1024,
            _ => null,
        };
        if (multiplier is not { } unit || value > long.MaxValue / unit)
        {
            return false;
        }

        bytes = (long)decimal.Round(value * unit);
        return true;
    }
}
