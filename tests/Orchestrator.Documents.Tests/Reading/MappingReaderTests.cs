using Orchestrator.Documents.Nodes;
using Orchestrator.Documents.Parsing;
using Orchestrator.Documents.Problems;
using Orchestrator.Documents.Reading;
using Orchestrator.Documents.Tests.Parsing;

namespace Orchestrator.Documents.Tests.Reading;

/// <summary>Typed field reading: each wrong field is one problem with its path and line; unknown keys are warnings.</summary>
public sealed class MappingReaderTests
{
    private static (MappingReader Reader, ProblemCollector Problems) Reader(string yaml, string path = "steps[0]")
    {
        var (root, problems) = TestDocuments.Parse(yaml, DocumentFormat.Yaml);
        return (new MappingReader(root.ShouldBeOfType<MappingNode>(), path, problems), problems);
    }

    [Fact]
    public void TypedReads_WellFormedFields_Values()
    {
        var (r, problems) = Reader("name: demo\nretry: true\ncount: 3\ntimeout: 1h30m\nmemory: 2GB\ntags: [a, b]\nenv: {A: x, B: 2}\n");

        r.String("name")!.Value.Value.ShouldBe("demo");
        r.Bool("retry", defaultValue: false).ShouldBeTrue();
        r.Integer("count")!.Value.Value.ShouldBe(3);
        r.Duration("timeout")!.Value.Value.ShouldBe(TimeSpan.FromMinutes(90));
        r.Size("memory")!.Value.Value.ShouldBe(2_000_000_000);
        r.StringList("tags").ShouldBe(["a", "b"]);
        r.StringMap("env", anyScalar: true).ShouldBe(new Dictionary<string, string> { ["A"] = "x", ["B"] = "2" }, ignoreOrder: true);
        r.WarnUnknownKeys();
        problems.ToImmutable().ShouldBeEmpty();
    }

    [Fact]
    public void TypedReads_WrongFields_OneErrorEachWithPathAndLine()
    {
        var (r, problems) = Reader("name: 7\nretry: maybe\ncount: 99999999999999999999999\ntimeout: soon\nmemory: lots\ntags: [a, 1, a]\n");

        r.String("name").ShouldBeNull();
        r.Bool("retry", defaultValue: true).ShouldBeTrue();
        r.Integer("count").ShouldBeNull();
        r.Duration("timeout").ShouldBeNull();
        r.Size("memory").ShouldBeNull();
        r.StringList("tags").ShouldBe(["a"]);

        problems.ToImmutable().Select(p => (p.FieldPath, p.Line, p.Message)).ShouldBe(
        [
            ("steps[0].name", 1, "expected a string, got an integer (7)"),
            ("steps[0].retry", 2, "expected a boolean (true or false), got a string (\"maybe\")"),
            ("steps[0].count", 3, "99999999999999999999999 is too large"),
            ("steps[0].timeout", 4, "expected a duration such as 500ms, 10m, 1h30m or PT10M, got \"soon\""),
            ("steps[0].memory", 5, "expected a size such as 512MB, 2GB, 1GiB or a number of bytes, got \"lots\""),
            ("steps[0].tags[1]", 6, "expected a string, got an integer (1)"),
            ("steps[0].tags[2]", 6, "'a' is listed more than once"),
        ]);
    }

    [Fact]
    public void Get_RequiredFieldMissingOrNull_ReportedDifferently()
    {
        var (r, problems) = Reader("\nplugin:\n", path: string.Empty);

        r.Get("plugin", required: true).ShouldBeNull();
        r.Get("name", required: true).ShouldBeNull();

        problems.ToImmutable().Select(p => (p.FieldPath, p.Message)).ShouldBe(
        [
            ("plugin", "is required but has no value"),
            ("name", "is required but missing"),
        ]);
    }

    [Fact]
    public void WarnUnknownKeys_MisspeltKey_WarningWithSuggestion()
    {
        var (r, problems) = Reader("name: demo\nretention: 1h\nretension: 2h\n", path: string.Empty);
        r.String("name");
        r.Duration("retention");

        r.WarnUnknownKeys();

        var warning = problems.ToImmutable().ShouldHaveSingleItem();
        warning.Severity.ShouldBe(ProblemSeverity.Warning);
        warning.Line.ShouldBe(3);
        warning.Message.ShouldBe("unknown key 'retension' is ignored; did you mean 'retention'?");
        problems.HasErrors.ShouldBeFalse();
    }
}
