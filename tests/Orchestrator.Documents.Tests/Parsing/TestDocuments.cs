using Orchestrator.Documents.Nodes;
using Orchestrator.Documents.Parsing;
using Orchestrator.Documents.Problems;

namespace Orchestrator.Documents.Tests.Parsing;

/// <summary>Parses text the way the readers do, keeping the problems for the assertions.</summary>
internal static class TestDocuments
{
    public static (DocumentNode? Root, ProblemCollector Problems) Parse(string text, DocumentFormat format, string kind = "workflow")
    {
        var problems = new ProblemCollector("test." + (format == DocumentFormat.Yaml ? "yaml" : "json"));
        var root = DocumentParser.Parse(text, format, problems, kind, TestContext.Current.CancellationToken);
        return (root, problems);
    }

    public static DocumentProblem SingleError(string text, DocumentFormat format, string kind = "workflow")
    {
        var (_, problems) = Parse(text, format, kind);
        return problems.ToImmutable().Where(p => p.Severity == ProblemSeverity.Error).ShouldHaveSingleItem();
    }
}
