using System.Globalization;
using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Plugins.Code;

/// <summary>
/// Checks every generated file for trailing whitespace, over-long lines, tab indentation (except Go, which
/// gofmt indents with tabs) and a missing final newline. The line limit comes from <c>max_line_length</c> in
/// the <c>style_guide</c> file when it exists in the working directory (120 otherwise). Writes <c>lint-report.md</c>.
/// </summary>
internal sealed class LintPhase : PhaseBase
{
    private const int DefaultMaxLineLength = 120;

    public override string Name => "lint";

    protected override async Task<PhaseResult> RunAsync(PhaseScope scope, CancellationToken cancellationToken)
    {
        var config = CodeConfig.Read(scope);
        var files = new[] { "implement", "tests", "api_docs" }
            .SelectMany(phase => scope.Context.GetPreviousPhaseOutput<GeneratedFiles>(phase).Files)
            .Order(StringComparer.Ordinal)
            .ToList();
        var maxLength = await MaxLineLengthAsync(scope.Workspace, config.StyleGuide, cancellationToken);
        var findings = new List<LintFinding>();
        foreach (var file in files)
        {
            if (!scope.Workspace.Exists(file))
            {
                findings.Add(new LintFinding(file, 0, "missing-file", "The file was generated but is no longer in the working directory."));
                continue;
            }

            var text = await scope.Workspace.ReadAsync(file, cancellationToken);
            if (text.Length > 0 && !text.EndsWith('\n'))
            {
                findings.Add(new LintFinding(file, text.Count(c => c == '\n') + 1, "final-newline", "The file does not end with a newline."));
            }

            foreach (var (line, number) in text.TrimEnd('\n').Split('\n').Select((line, index) => (line, index + 1)))
            {
                if (line.Length > 0 && char.IsWhiteSpace(line[^1]))
                {
                    findings.Add(new LintFinding(file, number, "trailing-whitespace", "The line ends with whitespace."));
                }

                if (line.Length > maxLength && !file.EndsWith(".md", StringComparison.Ordinal))
                {
                    findings.Add(new LintFinding(file, number, "line-length", $"The line is {line.Length} characters long; the limit is {maxLength}."));
                }

                if (line.StartsWith('\t') && !file.EndsWith(".go", StringComparison.Ordinal))
                {
                    findings.Add(new LintFinding(file, number, "tab-indent", "The line is indented with a tab; indent with spaces."));
                }
            }
        }

        var report = await scope.Workspace.WriteAsync("lint-report.md", $"""
            # Lint report

            Checked {files.Count} files against {config.StyleGuide} (line limit {maxLength}).

            {(findings.Count == 0 ? "No findings." : string.Join('\n', findings.Select(f => $"- `{f.File}:{f.Line}` {f.Rule}: {f.Message}")))}

            """, cancellationToken);
        scope.Context.RecordMetric("findings", findings.Count);
        return scope.Context.ToResult(new LintOutput(files.Count, maxLength, findings, report), [report]);
    }

    private static async Task<int> MaxLineLengthAsync(Workspace workspace, string styleGuide, CancellationToken cancellationToken)
    {
        var path = workspace.Resolve(styleGuide);
        if (!File.Exists(path))
        {
            return DefaultMaxLineLength;
        }

        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0] == "max_line_length")
            {
                return int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0
                    ? limit
                    : throw new PhaseInputException($"Style guide '{styleGuide}' sets max_line_length = {parts[1]}; it must be a positive integer.");
            }
        }

        return DefaultMaxLineLength;
    }
}
