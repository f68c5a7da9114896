using System.Text.RegularExpressions;
using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Docs;

/// <summary>Checks every relative link in <c>site/</c> points at an existing file; writes <c>link-report.md</c>. Web links are not fetched.</summary>
internal sealed partial class LinkCheckPhase : PhaseBase
{
    public override string Name => "link_check";

    protected override async Task<PhaseResult> RunAsync(PhaseScope scope, CancellationToken cancellationToken)
    {
        var pages = new[] { "reference", "guides" }.SelectMany(p => scope.Context.GetPreviousPhaseOutput<WrittenPages>(p).Files).Order(StringComparer.Ordinal).ToList();
        var broken = new List<BrokenLink>();
        var checkedLinks = 0;
        foreach (var page in pages)
        {
            var lines = (await scope.Workspace.ReadAsync(page, cancellationToken)).Split('\n');
            var fenced = false;
            foreach (var (line, number) in lines.Select((line, index) => (line, index + 1)))
            {
                fenced ^= line.TrimStart().StartsWith("```", StringComparison.Ordinal);
                foreach (var target in fenced ? [] : Link().Matches(line).Select(m => m.Groups[1].Value))
                {
                    if (target.StartsWith('#') || Scheme().IsMatch(target))
                    {
                        continue;
                    }

                    checkedLinks++;
                    var path = Uri.UnescapeDataString(target.Split('#')[0]);
                    var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(scope.Workspace.Resolve(page))!, path));
                    if (!File.Exists(resolved) && !Directory.Exists(resolved) && !IsIndex(scope.Workspace, resolved))
                    {
                        broken.Add(new BrokenLink(page, number, target));
                    }
                }
            }
        }

        var report = await scope.Workspace.WriteAsync("link-report.md", $"""
            # Link report

            Checked {checkedLinks} relative links in {pages.Count} pages.

            {(broken.Count == 0 ? "No broken links." : string.Join('\n', broken.Select(b => $"- `{b.File}:{b.Line}` → `{b.Target}` does not exist.")))}

            """, cancellationToken);
        scope.Context.RecordMetric("broken_links", broken.Count);
        return scope.Context.ToResult(new LinkReport(checkedLinks, broken, report), [report]);
    }

    // The index is written by publish, which runs after this phase.
    private static bool IsIndex(Workspace workspace, string resolved) => resolved == workspace.Resolve(PublishPhase.Index);

    [GeneratedRegex(@"\]\(([^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex Scheme();
}
