using Orchestrator.Documents.Parsing;
using Orchestrator.Documents.Problems;
using Orchestrator.Engine.Tests.Infrastructure;
using Orchestrator.Engine.Workflows;

namespace Orchestrator.Engine.Tests.Workflows;

public sealed class WorkflowReaderTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Read_PluginWorkflow_ReadsEveryField()
    {
        var file = _root.Write("w/docs-site.yaml", """
            name: docs-site
            description: Documents a project.
            version: 1.2.0
            plugin: docs@^1.0
            config:
              audience: developers
            input:
              project: demo
            retention: 48h
            """);

        var result = WorkflowReader.Read(file, TestContext.Current.CancellationToken);

        result.Problems.ShouldBeEmpty();
        var workflow = result.Workflow.ShouldNotBeNull();
        workflow.Name.ShouldBe("docs-site");
        workflow.Plugin!.Plugin.ShouldBe("docs");
        workflow.Plugin.RangeText.ShouldBe("^1.0");
        workflow.Plugin.Config["audience"].GetString().ShouldBe("developers");
        workflow.Input!.Value.GetProperty("project").GetString().ShouldBe("demo");
        workflow.Retention.ShouldBe(TimeSpan.FromHours(48));
    }

    [Fact]
    public void Read_InputSchema_ReadAsAJsonSchema()
    {
        var file = _root.Write("w/tides.yaml", """
            name: tides
            plugin: docs
            input_schema:
              type: object
              required: [harbour]
              properties:
                harbour: {type: string, minLength: 1}
            """);

        var result = WorkflowReader.Read(file, TestContext.Current.CancellationToken);

        result.Problems.ShouldBeEmpty();
        var schema = result.Workflow.ShouldNotBeNull().InputSchema.ShouldNotBeNull();
        schema.GetProperty("required")[0].GetString().ShouldBe("harbour");
        schema.GetProperty("properties").GetProperty("harbour").GetProperty("minLength").GetInt32().ShouldBe(1);
    }

    [Fact]
    public void Read_InputSchemaInvalid_ReportedWithItsLine()
    {
        var file = _root.Write("w/tides.yaml", """
            name: tides
            plugin: docs
            input:
              harbour: Brest
            input_schema:
              type: objekt
              required: harbour
            """);

        var result = WorkflowReader.Read(file, TestContext.Current.CancellationToken);

        result.IsValid.ShouldBeFalse();
        var errors = result.Problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();
        errors.ShouldNotBeEmpty();
        errors.ShouldAllBe(p => p.FieldPath == "input_schema" && p.Line == 6 && p.Message.StartsWith("is not a valid JSON Schema (draft 2020-12)", StringComparison.Ordinal));
        errors.ShouldContain(p => p.Message.Contains("at /type", StringComparison.Ordinal));
        errors.ShouldContain(p => p.Message.Contains("at /required", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_StepsWorkflow_ReadsStepsWithConfig()
    {
        var file = _root.Write("w/chain.json", """
            {"name": "chain", "steps": ["code", {"plugin": "docs@>=1.0.0", "config": {"audience": "users"}}]}
            """);

        var workflow = WorkflowReader.Read(file, TestContext.Current.CancellationToken).Workflow.ShouldNotBeNull();

        workflow.Steps.Select(s => s.ToString()).ShouldBe(["code", "docs@>=1.0.0"]);
        workflow.Steps[1].Config["audience"].GetString().ShouldBe("users");
    }

    [Fact]
    public void Read_ManyMistakes_ReportsEveryProblemWithLines()
    {
        var file = _root.Write("w/bad.yaml", """
            name: Bad Name
            version: one
            plugin: docs@not-a-range
            steps: [code]
            retention: forever
            retnetion: 1h
            """);

        var result = WorkflowReader.Read(file, TestContext.Current.CancellationToken);

        result.IsValid.ShouldBeFalse();
        var errors = result.Problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();
        errors.ShouldContain(p => p.FieldPath == "name" && p.Line == 1);
        errors.ShouldContain(p => p.FieldPath == "version" && p.Line == 2);
        errors.ShouldContain(p => p.FieldPath == "steps" && p.Message.Contains("not both", StringComparison.Ordinal));
        errors.ShouldContain(p => p.FieldPath == "retention" && p.Line == 5);
        result.Problems.ShouldContain(p => p.Severity == ProblemSeverity.Warning && p.Message.Contains("did you mean 'retention'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("name: x\n", "needs 'plugin'")]
    [InlineData("name: x\nplugin: docs@\n", "not a valid version range")]
    [InlineData("name: x\nsteps: []\n", "at least one step")]
    [InlineData("name: x\nsteps: [docs]\nconfig: {a: 1}\n", "per step")]
    [InlineData("name: x\nplugin: docs\nplugin: code\n", "duplicate")]
    [InlineData("name: x\nplugin: [docs]\n", "expected a plugin name")]
    [InlineData("- just\n- a list\n", "must be a mapping")]
    [InlineData("name: x\nplugin: docs\nretention: 0s\n", "longer than zero")]
    [InlineData("name: x\nplugin: docs\ninput_schema: [source]\n", "input_schema")]
    [InlineData("name: x\nplugin: docs\ninput_schema: {properties: 5}\n", "not a valid JSON Schema")]
    [InlineData("name: [unclosed\n", "YAML")]
    [InlineData("", "empty")]
    public void Parse_BadWorkflow_RejectedWithAClearMessage(string yaml, string expected)
    {
        var result = WorkflowReader.Parse(yaml, DocumentFormat.Yaml, "test.yaml", TestContext.Current.CancellationToken);

        result.IsValid.ShouldBeFalse();
        result.Problems.ShouldContain(
            p => p.Severity == ProblemSeverity.Error && p.ToString().Contains(expected, StringComparison.OrdinalIgnoreCase),
            string.Join(Environment.NewLine, result.Problems));
    }

    [Fact]
    public void Read_NotUtf8_Rejected()
    {
        var file = _root.Combine("w.yaml");
        File.WriteAllBytes(file, [0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xff, 0xfe]);

        WorkflowReader.Read(file, TestContext.Current.CancellationToken).Problems.ShouldHaveSingleItem().Message.ShouldContain("UTF-8");
    }

    [Fact]
    public void Parse_TheWorkflowFileExampleOfTheDocs_IsValidWithEveryField()
    {
        var yaml = DocPages.CodeBlockAfter("running-workflows.md", "<!-- workflow-file-example -->");

        var result = WorkflowReader.Parse(yaml, DocumentFormat.Yaml, "running-workflows.md", TestContext.Current.CancellationToken);

        result.Problems.ShouldBeEmpty();
        var workflow = result.Workflow.ShouldNotBeNull();
        workflow.Steps.Length.ShouldBe(2);
        workflow.InputSchema.ShouldNotBeNull().GetProperty("required").GetArrayLength().ShouldBe(2);
        workflow.Retention.ShouldBe(TimeSpan.FromHours(72));
    }

    [Fact]
    public void Read_RepositoryExampleWorkflows_AreValid()
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Root, "workflows"), "*.yaml");
        files.Length.ShouldBeGreaterThanOrEqualTo(4);
        foreach (var file in files)
        {
            WorkflowReader.Read(file, TestContext.Current.CancellationToken).Problems.ShouldBeEmpty(file);
        }
    }
}
