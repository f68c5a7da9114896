using Orchestrator.Documents.Parsing;
using Orchestrator.Documents.Reading;
using Orchestrator.Documents.Tests.Parsing;

namespace Orchestrator.Documents.Tests.Reading;

/// <summary>Nodes as JSON: YAML and JSON documents give the same values; what JSON cannot hold is a problem.</summary>
public sealed class NodeJsonTests
{
    [Fact]
    public void ToElement_SameValueInYamlAndJson_SameJson()
    {
        var (yaml, _) = TestDocuments.Parse("a: [1, 2.5, true, null, x]\nb: {c: 0x10}\n", DocumentFormat.Yaml);
        var (json, _) = TestDocuments.Parse("{\"a\": [1, 2.5, true, null, \"x\"], \"b\": {\"c\": 16}}", DocumentFormat.Json);
        var problems = new Problems.ProblemCollector("test");

        var fromYaml = NodeJson.ToElement(yaml!, string.Empty, problems).GetRawText();
        var fromJson = NodeJson.ToElement(json!, string.Empty, problems).GetRawText();

        fromYaml.ShouldBe(fromJson);
        fromYaml.ShouldBe("{\"a\":[1,2.5,true,null,\"x\"],\"b\":{\"c\":16}}");
        problems.HasErrors.ShouldBeFalse();
    }

    [Theory]
    [InlineData("input: {limit: .inf}\n", "input.limit", ".inf cannot be represented in JSON")]
    [InlineData("input: {big: 0x1111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111}\n", "input.big", "more than 100 digits")]
    public void ToElement_ValueJsonCannotHold_ReportedAtItsPath(string yaml, string path, string message)
    {
        var (root, problems) = TestDocuments.Parse(yaml, DocumentFormat.Yaml);
        var input = ((Nodes.MappingNode)root!).Entries[0].Value;

        NodeJson.ToElement(input, "input", problems);

        var error = problems.ToImmutable().ShouldHaveSingleItem();
        error.FieldPath.ShouldBe(path);
        error.Message.ShouldContain(message);
    }
}
