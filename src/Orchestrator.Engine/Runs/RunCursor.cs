using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Orchestrator.Engine.Runs;

/// <summary>
/// A position in the run list (newest first, then by id): the last run of a page. Encoded as an opaque continuation
/// token; runs created after the first page was read never shift later pages.
/// </summary>
/// <param name="CreatedAt">When the last run of the page was created.</param>
/// <param name="RunId">Its id.</param>
public sealed record RunCursor(DateTimeOffset CreatedAt, string RunId)
{
    /// <summary>The continuation token for this position.</summary>
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{CreatedAt.UtcTicks}:{RunId}")));

    /// <summary>Reads a continuation token; false when it was not made by <see cref="Encode"/>.</summary>
    public static bool TryDecode(string token, out RunCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(token) || token.Length > 4 * RunIds.MaxLength)
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(bytes);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0
            || !long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !RunIds.IsWellFormed(text[(colon + 1)..]))
        {
            return false;
        }

        cursor = new RunCursor(new DateTimeOffset(ticks, TimeSpan.Zero), text[(colon + 1)..]);
        return true;
    }

    /// <summary>True when <paramref name="run"/> comes after this position in the list order.</summary>
    internal bool Precedes(RunRecord run) =>
        run.CreatedAt < CreatedAt || (run.CreatedAt == CreatedAt && string.CompareOrdinal(run.RunId, RunId) > 0);
}
