using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Orchestrator.Abstractions.Authoring;

/// <summary>
/// Turns a manifest prompt into the brief a phase records in its artifacts (<see cref="PhaseScope.Brief"/>): <c>{{config.key}}</c> is
/// replaced by the effective value; lines that only carry data (<c>{{input}}</c>, <c>{{phase_outputs.x}}</c>)
/// are dropped, because the phase reads that data directly, together with the label line introducing them.
/// </summary>
internal static partial class PromptBrief
{
    public static string? Render(string? prompt, ImmutableDictionary<string, JsonElement> config)
    {
        if (string.IsNullOrWhiteSpace(prompt))
        {
            return null;
        }

        var kept = new List<string>();
        foreach (var raw in prompt.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = ConfigPlaceholder().Replace(raw, match => ConfigText(config, match.Groups[1].Value)).TrimEnd();
            if (AnyPlaceholder().IsMatch(line))
            {
                line = AnyPlaceholder().Replace(line, string.Empty).TrimEnd();
                if (line.EndsWith(':'))
                {
                    continue;
                }
            }

            if (line.Length == 0 && kept.Count > 0 && kept[^1].EndsWith(':'))
            {
                kept.RemoveAt(kept.Count - 1);
            }

            kept.Add(line);
        }

        while (kept.Count > 0 && (kept[^1].Length == 0 || kept[^1].EndsWith(':')))
        {
            kept.RemoveAt(kept.Count - 1);
        }

        var text = string.Join('\n', kept).Trim();
        return text.Length == 0 ? null : BlankRuns().Replace(text, "\n\n");
    }

    private static string ConfigText(ImmutableDictionary<string, JsonElement> config, string key) =>
        config.TryGetValue(key, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()
            : $"(no {key} set)";

    [GeneratedRegex(@"\{\{\s*config\.([A-Za-z0-9_]+)\s*\}\}")]
    private static partial Regex ConfigPlaceholder();

    [GeneratedRegex(@"\{\{[^}]*\}\}")]
    private static partial Regex AnyPlaceholder();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankRuns();
}
