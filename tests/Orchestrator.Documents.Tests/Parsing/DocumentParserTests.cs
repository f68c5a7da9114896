using Orchestrator.Documents.Nodes;
using Orchestrator.Documents.Parsing;

namespace Orchestrator.Documents.Tests.Parsing;

/// <summary>The parser's own guarantees, for every document kind: same tree for YAML and JSON, lines, limits, problems.</summary>
public sealed class DocumentParserTests
{
    private const string Yaml = "name: demo\nsteps:\n  - fiction\n  - docs\n";
    private const string Json = "{\n\"name\": \"demo\",\n\"steps\": [\n\"fiction\",\n\"docs\"]\n}";

    [Theory]
    [InlineData(Yaml, DocumentFormat.Yaml, 1, 3)]
    [InlineData(Json, DocumentFormat.Json, 2, 4)]
    public void Parse_SameDocumentInYamlAndJson_SameTreeWithLines(string text, DocumentFormat format, int nameLine, int firstStepLine)
    {
        var (root, problems) = TestDocuments.Parse(text, format);

        problems.ToImmutable().ShouldBeEmpty();
        var mapping = root.ShouldBeOfType<MappingNode>();
        mapping.Entries.Select(e => e.Key).ShouldBe(["name", "steps"]);
        mapping.Entries[0].KeyLine.ShouldBe(nameLine);
        mapping.TryGetValue("steps", out var steps).ShouldBeTrue();
        var items = steps.ShouldBeOfType<SequenceNode>().Items;
        items.Select(i => ((ScalarNode)i).Value).ShouldBe(["fiction", "docs"]);
        items[0].Line.ShouldBe(firstStepLine);
    }

    [Theory]
    [InlineData("name: a\nname: b\n", DocumentFormat.Yaml, 2)]
    [InlineData("{\n\"name\": \"a\",\n\"name\": \"b\"\n}", DocumentFormat.Json, 3)]
    public void Parse_DuplicateKey_ReportedAtItsLineAndFirstValueKept(string text, DocumentFormat format, int line)
    {
        var (root, problems) = TestDocuments.Parse(text, format);

        var error = problems.ToImmutable().ShouldHaveSingleItem();
        error.FieldPath.ShouldBe("name");
        error.Line.ShouldBe(line);
        error.Message.ShouldContain("duplicate key 'name'");
        root.ShouldBeOfType<MappingNode>().TryGetValue("name", out var value).ShouldBeTrue();
        ((ScalarNode)value).Value.ShouldBe("a");
    }

    [Theory]
    [InlineData(DocumentFormat.Yaml)]
    [InlineData(DocumentFormat.Json)]
    public void Parse_NestingPastTheLimit_ReportedInsteadOfOverflowing(DocumentFormat format)
    {
        var depth = ParseLimits.MaxDepth * 100;
        var text = (format == DocumentFormat.Yaml ? "input: " : "{\"input\": ") + new string('[', depth) + new string(']', depth) + (format == DocumentFormat.Yaml ? "\n" : "}");

        var error = TestDocuments.SingleError(text, format);

        error.Message.ShouldContain($"nesting is deeper than {ParseLimits.MaxDepth} levels");
        error.FieldPath.ShouldStartWith("input");
        error.Line.ShouldBe(1);
    }

    [Fact]
    public void Parse_YamlAliasBomb_ReportedAsTooLarge()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 9; i++)
        {
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        }

        var error = TestDocuments.SingleError(string.Join('\n', lines) + "\n", DocumentFormat.Yaml);

        error.Message.ShouldContain($"expands to more than {ParseLimits.MaxExpandedNodes} values");
    }

    [Theory]
    [InlineData("", "the workflow is empty")]
    [InlineData("# only a comment\n", "the workflow is empty")]
    [InlineData("name: a\n---\nname: b\n", "a workflow is a single document")]
    [InlineData("name: [a, b\n", "invalid YAML")]
    [InlineData("? [a, b]\n: c\n", "mapping keys must be plain strings")]
    [InlineData("a: *missing\n", "alias '*missing' refers to no complete anchor")]
    public void Parse_BadYaml_OneErrorNamingTheDocumentKind(string text, string message)
    {
        TestDocuments.SingleError(text, DocumentFormat.Yaml).Message.ShouldContain(message);
    }

    [Theory]
    [InlineData("{\n\"name\": \"a\",\n}", 3, "invalid JSON")]
    [InlineData("{\"name\": \"a\"} {}", 1, "invalid JSON")]
    [InlineData("   \n ", 1, "the manifest is empty")]
    public void Parse_BadJson_ErrorWithLine(string text, int line, string message)
    {
        var error = TestDocuments.SingleError(text, DocumentFormat.Json, kind: "manifest");

        error.Message.ShouldContain(message);
        error.Message.ShouldNotContain("LineNumber");
        error.Line.ShouldBe(line);
    }

    [Fact]
    public void Parse_ByteOrderMark_Ignored()
    {
        var (root, problems) = TestDocuments.Parse("\uFEFFname: demo\n", DocumentFormat.Yaml);

        problems.ToImmutable().ShouldBeEmpty();
        root.ShouldBeOfType<MappingNode>().ContainsKey("name").ShouldBeTrue();
    }

    [Fact]
    public void Parse_PlainYamlScalars_ResolvedWithTheCoreSchema()
    {
        var (root, _) = TestDocuments.Parse("a: 1\nb: 1.5\nc: true\nd: ~\ne: '1'\nf: 0x1F\ng: yes\n", DocumentFormat.Yaml);

        var mapping = root.ShouldBeOfType<MappingNode>();
        var kinds = mapping.Entries.Select(e => ((ScalarNode)e.Value).Kind);
        kinds.ShouldBe([ScalarKind.Integer, ScalarKind.Float, ScalarKind.Boolean, ScalarKind.Null, ScalarKind.String, ScalarKind.Integer, ScalarKind.String]);
        mapping.TryGetValue("f", out var hex).ShouldBeTrue();
        ((ScalarNode)hex).IntegerValue().ShouldBe(31);
    }

    [Theory]
    [InlineData("plugin.yaml", DocumentFormat.Yaml)]
    [InlineData("docs.YML", DocumentFormat.Yaml)]
    [InlineData("/a/b/plugin.json", DocumentFormat.Json)]
    [InlineData("notes.txt", null)]
    [InlineData("yaml", null)]
    public void FormatOf_FileName_FormatFromTheExtension(string file, DocumentFormat? expected)
    {
        DocumentParser.FormatOf(file).ShouldBe(expected);
    }
}
