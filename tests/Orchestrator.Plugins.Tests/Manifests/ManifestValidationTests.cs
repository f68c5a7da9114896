using System.Text.Json;
using Orchestrator.Abstractions;
using Orchestrator.Documents.Parsing;
using Orchestrator.Documents.Problems;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Plugins.Tests.Manifests;

public sealed class ManifestValidationTests
{
    [Fact]
    public void Read_SameManifestInYamlAndJson_GivesEqualModels()
    {
        using var yamlPlugin = new TempPlugin();
        using var jsonPlugin = new TempPlugin();
        Samples.AddFullPluginFiles(yamlPlugin);
        Samples.AddFullPluginFiles(jsonPlugin);
        yamlPlugin.Write("plugin.yaml", Samples.FullYaml);
        jsonPlugin.Write("plugin.json", Samples.FullJson);

        var fromYaml = ManifestReader.Read(yamlPlugin.PluginDirectory, TestContext.Current.CancellationToken);
        var fromJson = ManifestReader.Read(jsonPlugin.PluginDirectory, TestContext.Current.CancellationToken);

        fromYaml.Problems.ShouldBeEmpty(string.Join("\n", fromYaml.Problems));
        fromJson.Problems.ShouldBeEmpty(string.Join("\n", fromJson.Problems));
        var canonical = Canonical(fromYaml.Manifest!);
        canonical.ShouldContain("\"temperature\":0.9");
        canonical.ShouldContain("ai-client@^1.2");
        Canonical(fromJson.Manifest!).ShouldBe(canonical);
    }

    [Fact]
    public void Read_SameErrorInYamlAndJson_GivesIdenticalMessages()
    {
        const string yaml = """
            name: Bad_Name
            version: "1.2"
            type: builtin
            domains: [code]
            phases:
              - name: plan
                order: "abc"
                timeout: soon
            """;
        const string json = """
            {
              "name": "Bad_Name",
              "version": "1.2",
              "type": "builtin",
              "domains": ["code"],
              "phases": [{ "name": "plan",
                "order": "abc",
                "timeout": "soon" }]
            }
            """;

        var fromYaml = ManifestReader.Parse(yaml, DocumentFormat.Yaml, "m", null, TestContext.Current.CancellationToken);
        var fromJson = ManifestReader.Parse(json, DocumentFormat.Json, "m", null, TestContext.Current.CancellationToken);

        fromYaml.Errors.Count().ShouldBe(4);
        fromJson.Errors.Select(e => (e.FieldPath, e.Message)).ShouldBe(fromYaml.Errors.Select(e => (e.FieldPath, e.Message)));
        fromJson.Errors.Select(e => e.Line).ShouldBe([2, 3, 7, 8]);
        fromYaml.Errors.Select(e => e.Line).ShouldBe([1, 2, 7, 8]);
    }

    [Fact]
    public void Parse_ManyIndependentErrors_ReportsAllAtOnce()
    {
        const string yaml = """
            name: 9lives
            version: one
            type: service
            domains: [Code]
            created: tomorrow
            phases:
              - name: plan
                order: 0
                timeout: forever
                max_retries: 2
              - name: plan
                order: x
            prompts:
              nothing: a.md
            resource_spec:
              min_memory: lots
            """;

        var result = ManifestReader.Parse(yaml, DocumentFormat.Yaml, "m.yaml", null, TestContext.Current.CancellationToken);

        result.Manifest.ShouldBeNull();
        result.Errors.Select(e => e.FieldPath).ShouldBe(
        [
            "name", "version", "type", "domains[0]", "created", "phases[0].order", "phases[0].timeout",
            "phases[0].max_retries", "phases[1].name", "phases[1].order", "prompts.nothing", "resource_spec.min_memory",
        ]);
    }

    [Fact]
    public void Parse_UnknownKeys_AreWarningsAndManifestIsValid()
    {
        var yaml = Samples.MinimalYaml + "\n    colour: blue\nmaintainer: me\nresource_spec:\n  gpu: 1\n";

        var result = ManifestReader.Parse(yaml, DocumentFormat.Yaml, "m.yaml", null, TestContext.Current.CancellationToken);

        result.IsValid.ShouldBeTrue();
        result.Manifest.ShouldNotBeNull();
        result.Problems.Select(p => (p.Severity, p.FieldPath, p.Line)).ShouldBe(
        [
            (ProblemSeverity.Warning, "phases[0].colour", 8),
            (ProblemSeverity.Warning, "maintainer", 9),
            (ProblemSeverity.Warning, "resource_spec.gpu", 11),
        ]);
        result.Problems[0].ToString().ShouldBe("m.yaml:8: warning: phases[0].colour: unknown key 'colour' is ignored");
    }

    [Fact]
    public void Parse_MisspeltKey_WarningSuggestsField()
    {
        var yaml = Samples.MinimalYaml + "\n    timout: 10m\n";

        var result = ManifestReader.Parse(yaml, DocumentFormat.Yaml, "m.yaml", null, TestContext.Current.CancellationToken);

        var warning = result.Problems.ShouldHaveSingleItem();
        warning.Severity.ShouldBe(ProblemSeverity.Warning);
        warning.Message.ShouldBe("unknown key 'timout' is ignored; did you mean 'timeout'?");
    }

    [Fact]
    public void Parse_Phases_SortedByOrderThenFilePosition()
    {
        const string yaml = """
            name: demo
            version: 1.0.0
            type: builtin
            domains: [code]
            phases:
              - { name: publish, order: 3 }
              - { name: b, order: 2, parallel: true }
              - { name: plan, order: 1 }
              - { name: a, order: 2, parallel: true }
            """;

        var result = ManifestReader.Parse(yaml, DocumentFormat.Yaml, "m.yaml", null, TestContext.Current.CancellationToken);

        result.Manifest!.Phases.Select(p => p.Name).ShouldBe(["plan", "b", "a", "publish"]);
    }

    [Fact]
    public void Parse_EqualOrderOneNotParallel_ReportsOnlyTheNonParallelPhase()
    {
        var yaml = Samples.MinimalYaml + "\n    parallel: true\n  - name: write\n    order: 1\n";

        var result = ManifestReader.Parse(yaml, DocumentFormat.Yaml, "m.yaml", null, TestContext.Current.CancellationToken);

        var error = result.Errors.ShouldHaveSingleItem();
        error.FieldPath.ShouldBe("phases[1].order");
        error.Message.ShouldBe("order 1 is shared by phases[0], phases[1]; phases sharing an order must all set parallel: true");
    }

    [Fact]
    public void Parse_ProblemFormat_NamesFileLineFieldAndFix()
    {
        var yaml = Samples.MinimalYaml + "\n    timeout: 10 minutes\n";

        var result = ManifestReader.Parse(yaml, DocumentFormat.Yaml, "plugins/demo/plugin.yaml", null, TestContext.Current.CancellationToken);

        result.Errors.ShouldHaveSingleItem().ToString().ShouldBe(
            "plugins/demo/plugin.yaml:8: error: phases[0].timeout: expected a duration such as 500ms, 10m, 1h30m or PT10M, got \"10 minutes\"");
    }

    [Theory]
    [InlineData("retry_interval: 0s", "phases[0].retry_interval")]
    [InlineData("timeout: PT0S", "phases[0].timeout")]
    [InlineData("order: 2147483648", "phases[0].order")]
    [InlineData("order: 99999999999999999999999", "phases[0].order")]
    [InlineData("retryable: true\n    max_retries: 1001", "phases[0].max_retries")]
    [InlineData("required: 1", "phases[0].required")]
    [InlineData("parallel: \"true\"", "phases[0].parallel")]
    [InlineData("approval: null-ish", "phases[0].approval")]
    [InlineData("description: [a]", "phases[0].description")]
    [InlineData("output_schema: { properties: 5 }", "phases[0].output_schema")]
    public void Parse_BadPhaseField_ReportsField(string line, string field)
    {
        var yaml = Samples.MinimalYaml + "\n    " + line + "\n";

        var result = ManifestReader.Parse(yaml, DocumentFormat.Yaml, "m.yaml", null, TestContext.Current.CancellationToken);

        result.Errors.ShouldContain(e => e.FieldPath == field, string.Join("\n", result.Problems));
    }

    [Theory]
    [InlineData("dependencies: [demo]", "dependencies[0]", "cannot depend on itself")]
    [InlineData("dependencies: [a-b, a-b@^1]", "dependencies[1]", "more than once")]
    [InlineData("tags: [a, a]", "tags[1]", "more than once")]
    [InlineData("updated: 2025-13-45", "updated", "ISO 8601")]
    [InlineData("homepage: 5", "homepage", "expected a string")]
    [InlineData("output_spec: { secondary_outputs: a }", "output_spec.secondary_outputs", "expected a list")]
    [InlineData("output_spec: { file_patterns: { a: [x] } }", "output_spec.file_patterns.a", "expected a string")]
    [InlineData("resource_spec: { network_required: maybe }", "resource_spec.network_required", "expected a boolean")]
    [InlineData("resource_spec: { environment_vars: [A-B] }", "resource_spec.environment_vars[0]", "environment variable")]
    [InlineData("resource_spec: 2GB", "resource_spec", "expected a mapping")]
    [InlineData("resource_spec: { permissions: [network, filesystem.read] }", "resource_spec.permissions[1]", "'filesystem.read' is not a permission Orchestrator grants; use 'network'")]
    [InlineData("resource_spec: { permissions: [Network] }", "resource_spec.permissions[0]", "or 'workspace.write'")]
    [InlineData("default_config: [1]", "default_config", "expected a mapping")]
    [InlineData("required_config: [1]", "required_config[0]", "expected a string")]
    [InlineData("prompts: [plan]", "prompts", "expected a mapping")]
    [InlineData("prompts: { plan: 5 }", "prompts.plan", "expected a string")]
    [InlineData("prompts: { plan: '' }", "prompts.plan", "must not be empty")]
    [InlineData("prompts: { plan: ~/x.md }", "prompts.plan", "absolute")]
    [InlineData("prompts: { plan: 'a\\..\\..\\x.md' }", "prompts.plan", "'..'")]
    [InlineData("config_schema: { $ref: 5 }", "config_schema", "not a valid JSON Schema")]
    public void Parse_BadPluginField_ReportsField(string line, string field, string message)
    {
        var yaml = Samples.MinimalYaml + "\n" + line + "\n";

        var result = ManifestReader.Parse(yaml, DocumentFormat.Yaml, "m.yaml", null, TestContext.Current.CancellationToken);

        result.Errors.ShouldContain(e => e.FieldPath == field && e.Message.Contains(message, StringComparison.Ordinal), string.Join("\n", result.Problems));
    }

    [Fact]
    public void Parse_DefaultConfigSatisfiesSchema_KeepsValues()
    {
        var yaml = Samples.MinimalYaml + """

            config_schema:
              type: object
              properties:
                retries: { type: integer, minimum: 0 }
                mode: { enum: [fast, slow] }
                limit: { type: integer }
              additionalProperties: false
            default_config:
              retries: 3
              mode: fast
              limit: 0x10
            """;

        var result = ManifestReader.Parse(yaml, DocumentFormat.Yaml, "m.yaml", null, TestContext.Current.CancellationToken);

        result.IsValid.ShouldBeTrue(string.Join("\n", result.Problems));
        result.Manifest!.DefaultConfig["retries"].GetInt32().ShouldBe(3);
        result.Manifest.DefaultConfig["limit"].GetInt32().ShouldBe(16);
        result.Manifest.ConfigSchema!.Value.GetProperty("additionalProperties").ValueKind.ShouldBe(JsonValueKind.False);
    }

    [Fact]
    public void Parse_DefaultConfigWithExtraKey_ReportsSchemaLocation()
    {
        var yaml = Samples.MinimalYaml + """

            config_schema:
              type: object
              properties:
                mode: { enum: [fast, slow] }
            default_config:
              mode: medium
            """;

        var result = ManifestReader.Parse(yaml, DocumentFormat.Yaml, "m.yaml", null, TestContext.Current.CancellationToken);

        var error = result.Errors.ShouldHaveSingleItem();
        error.FieldPath.ShouldBe("default_config");
        error.Line.ShouldBe(13);
        error.Message.ShouldContain("at /mode");
    }

    [Fact]
    public void Parse_QuotedYamlScalars_AreStrings()
    {
        var yaml = Samples.MinimalYaml.Replace("version: 1.0.0", "version: '1.0.0'", StringComparison.Ordinal) + "\ntags: ['true', \"5\", !!str 7]\n";

        var result = ManifestReader.Parse(yaml, DocumentFormat.Yaml, "m.yaml", null, TestContext.Current.CancellationToken);

        result.Manifest!.Tags.ShouldBe(["true", "5", "7"]);
    }

    [Fact]
    public void Parse_RequiredFieldWithoutValue_SaysItHasNoValue()
    {
        var yaml = Samples.MinimalYaml.Split("phases:")[0] + "phases:\n";

        var result = ManifestReader.Parse(yaml, DocumentFormat.Yaml, "m.yaml", null, TestContext.Current.CancellationToken);

        var error = result.Errors.ShouldHaveSingleItem();
        error.FieldPath.ShouldBe("phases");
        error.Message.ShouldBe("is required but has no value");
    }

    [Fact]
    public void Parse_YamlHexOrder_IsAnInteger()
    {
        var yaml = Samples.MinimalYaml.Replace("order: 1", "order: 0x10", StringComparison.Ordinal);

        var result = ManifestReader.Parse(yaml, DocumentFormat.Yaml, "m.yaml", null, TestContext.Current.CancellationToken);

        result.Manifest!.Phases[0].Order.ShouldBe(16);
    }

    [Fact]
    public void Parse_SchemaWithUnresolvableRef_ReportsErrorInsteadOfThrowing()
    {
        var yaml = Samples.MinimalYaml + """

            config_schema:
              $ref: https://example.invalid/schema.json
            default_config:
              a: 1
            """;

        var result = ManifestReader.Parse(yaml, DocumentFormat.Yaml, "m.yaml", null, TestContext.Current.CancellationToken);

        result.Errors.ShouldContain(e => e.FieldPath == "default_config" && e.Message.Contains("cannot be evaluated", StringComparison.Ordinal), string.Join("\n", result.Problems));
    }

    private static string Canonical(PluginManifest manifest) =>
        JsonSerializer.Serialize(
            manifest with { ManifestPath = string.Empty, Directory = string.Empty, Dependencies = [] },
            OrchestratorJson.Options) + string.Join(",", manifest.Dependencies.Select(d => $"{d}:{d.Range}"));
}
