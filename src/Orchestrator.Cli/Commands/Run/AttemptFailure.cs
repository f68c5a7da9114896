using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.Cli.Commands.Run;

/// <summary>One entry of a run's errors: <c>phase (attempt n/m): message</c>, or <c>phase: message</c> for a failure that is not an attempt's.</summary>
internal sealed partial record AttemptFailure(string Text, string Phase, int? Attempt, string Head, string Message)
{
    public static AttemptFailure Parse(string text)
    {
        if (AttemptPattern().Match(text) is { Success: true } match)
        {
            return new AttemptFailure(
                text, match.Groups["phase"].Value, int.Parse(match.Groups["attempt"].Value, CultureInfo.InvariantCulture), match.Groups["head"].Value, match.Groups["message"].Value);
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? new AttemptFailure(text, text, null, text, string.Empty)
            : new AttemptFailure(text, text[..colon], null, text[..colon], text[(colon + 1)..].TrimStart());
    }

    [GeneratedRegex(@"^(?<head>(?<phase>[^\s:(]+) \(attempt (?<attempt>[0-9]+)/[0-9]+\)): (?<message>.*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex AttemptPattern();
}
