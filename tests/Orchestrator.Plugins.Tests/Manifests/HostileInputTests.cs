using Orchestrator.Documents.Parsing;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Plugins.Tests.Manifests;

/// <summary>Input meant to crash or hang the reader must come back as errors, in-process.</summary>
public sealed class HostileInputTests
{
    private const int Depth = 10_000;

    [Fact]
    public void Read_YamlFlowNesting10000Deep_ReportsDepthError()
    {
        ShouldReportDepthErrorAtLine("plugin.yaml", "name: demo\nconfig: " + new string('[', Depth) + new string(']', Depth) + "\n", line: 2);
    }

    [Fact]
    public void Read_YamlBlockNesting10000Deep_ReportsDepthError()
    {
        // Compact nested block sequences ("- - - x") nest one level per "- " without growing indentation.
        var yaml = "name: demo\nconfig:\n" + string.Concat(Enumerable.Repeat("- ", Depth)) + "x\n";

        ShouldReportDepthErrorAtLine("plugin.yaml", yaml, line: 3);
    }

    [Fact]
    public void Read_JsonNesting10000Deep_ReportsDepthError()
    {
        ShouldReportDepthErrorAtLine("plugin.json", "{\n\"config\": " + new string('[', Depth) + new string(']', Depth) + "\n}", line: 2);
    }

    [Fact]
    public void Parse_JsonObjectNesting10000Deep_ReportsDepthError()
    {
        var json = string.Concat(Enumerable.Repeat("{\"a\":", Depth)) + "1" + new string('}', Depth);

        var result = ManifestReader.Parse(json, DocumentFormat.Json, "posted.json", null, TestContext.Current.CancellationToken);

        result.Errors.ShouldHaveSingleItem().Message.ShouldContain("nesting is deeper than 64 levels");
    }

    [Fact]
    public void Read_OversizedSparseFile_RejectedBeforeReading()
    {
        using var plugin = new TempPlugin();
        var path = Path.Combine(plugin.PluginDirectory, "plugin.yaml");
        using (var stream = File.Create(path))
        {
            // 4 GiB sparse: reading it into memory would fail loudly, so passing proves the size is checked first.
            stream.SetLength(4L * 1024 * 1024 * 1024);
        }

        var result = ManifestReader.Read(plugin.PluginDirectory, TestContext.Current.CancellationToken);

        var error = result.Errors.ShouldHaveSingleItem();
        error.Message.ShouldContain("larger than 1048576 bytes");
        error.File.ShouldBe(path);
    }

    [Fact]
    public void Read_FileJustOverLimit_ReportsSizeError()
    {
        using var plugin = new TempPlugin();
        plugin.Write("plugin.yaml", Samples.MinimalYaml + "\ndescription: " + new string('x', (int)ManifestReader.MaxManifestBytes));

        var result = ManifestReader.Read(plugin.PluginDirectory, TestContext.Current.CancellationToken);

        result.Errors.ShouldHaveSingleItem().Message.ShouldContain("larger than 1048576 bytes");
    }

    [Fact]
    public void Parse_OversizedText_ReportsSizeError()
    {
        var text = Samples.MinimalYaml + "\ndescription: " + new string('x', (int)ManifestReader.MaxManifestBytes);

        var result = ManifestReader.Parse(text, DocumentFormat.Yaml, "posted.yaml", null, TestContext.Current.CancellationToken);

        result.Errors.ShouldHaveSingleItem().Message.ShouldContain("larger than 1048576 bytes");
    }

    [Fact]
    public void Read_InvalidUtf8_ReportsEncodingError()
    {
        using var plugin = new TempPlugin();
        File.WriteAllBytes(Path.Combine(plugin.PluginDirectory, "plugin.yaml"), [.. "name: "u8, 0xC3, 0x28, (byte)'\n']);

        var result = ManifestReader.Read(plugin.PluginDirectory, TestContext.Current.CancellationToken);

        result.Errors.ShouldHaveSingleItem().Message.ShouldContain("not valid UTF-8");
    }

    [Fact]
    public void Parse_ManyAliasesOfSmallAnchor_ReportsAliasLimit()
    {
        var yaml = Samples.MinimalYaml + "\nx: &x a\ntags: [" + string.Join(",", Enumerable.Repeat("*x", 2000)) + "]\n";

        var result = ManifestReader.Parse(yaml, DocumentFormat.Yaml, "posted.yaml", null, TestContext.Current.CancellationToken);

        var error = result.Errors.ShouldHaveSingleItem();
        error.Message.ShouldContain("more than 1000 aliases");
        error.Line.ShouldBe(9);
    }

    [Fact]
    public void Parse_SelfReferencingAlias_ReportsError()
    {
        var yaml = Samples.MinimalYaml + "\nx: &x [a, *x]\n";

        var result = ManifestReader.Parse(yaml, DocumentFormat.Yaml, "posted.yaml", null, TestContext.Current.CancellationToken);

        result.Errors.ShouldHaveSingleItem().Message.ShouldContain("no complete anchor");
    }

    [Fact]
    public void Read_ModestAliasUse_IsAccepted()
    {
        using var plugin = new TempPlugin();
        plugin.Write("plugin.yaml", """
            name: demo
            version: 1.0.0
            type: builtin
            domains: &domains [code, docs]
            tags: *domains
            phases:
              - name: plan
                order: 1
                config_overrides: &overrides { model: small }
              - name: write
                order: 2
                config_overrides: *overrides
            """);

        var result = ManifestReader.Read(plugin.PluginDirectory, TestContext.Current.CancellationToken);

        result.IsValid.ShouldBeTrue(string.Join("\n", result.Problems));
        result.Manifest!.Tags.ShouldBe(["code", "docs"]);
        result.Manifest.Phases[1].ConfigOverrides["model"].GetString().ShouldBe("small");
    }

    [Fact(Timeout = 60_000)]
    public async Task Parse_CatastrophicSchemaPattern_ReportsErrorInsteadOfHanging()
    {
        // Unguarded, this regex needs about 2^60 steps on the default value below.
        var yaml = Samples.MinimalYaml + """

            config_schema:
              properties:
                name: { pattern: '^(a+)+$' }
            default_config:
              name: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!
            """;

        var result = await Task.Run(
            () => ManifestReader.Parse(yaml, DocumentFormat.Yaml, "m.yaml", null, TestContext.Current.CancellationToken),
            TestContext.Current.CancellationToken);

        var error = result.Errors.ShouldHaveSingleItem();
        error.FieldPath.ShouldBe("default_config");
        error.Message.ShouldContain("takes too long to match");
    }

    [Fact]
    public void Parse_OrdinarySchemaPattern_StillValidates()
    {
        var yaml = Samples.MinimalYaml + """

            config_schema:
              properties:
                name: { pattern: '^[a-z]+$' }
              patternProperties:
                '^x-': { type: string }
            default_config:
              name: Abc
              x-extra: 5
            """;

        var result = ManifestReader.Parse(yaml, DocumentFormat.Yaml, "m.yaml", null, TestContext.Current.CancellationToken);

        result.Errors.Select(e => e.Message).ShouldBe(
        [
            "does not satisfy config_schema: at /name: The string value is not a match for the indicated regular expression",
            "does not satisfy config_schema: at /x-extra: Value is \"integer\" but should be \"string\"",
        ], ignoreOrder: true);
    }

    [Fact]
    public void Parse_FlowMappingValueOnNextLine_ReportsInvalidYaml()
    {
        // This input makes YamlDotNet's scanner throw InvalidOperationException instead of a YamlException.
        var yaml = Samples.MinimalYaml + "\noutput_spec:\n  descriptions: { story.md:\nThe story }\n";

        var result = ManifestReader.Parse(yaml, DocumentFormat.Yaml, "m.yaml", null, TestContext.Current.CancellationToken);

        var error = result.Errors.ShouldHaveSingleItem();
        error.Message.ShouldStartWith("invalid YAML after line 9");
        error.Line.ShouldBe(9);
    }

    [Theory]
    [InlineData("    order: +", "phases[0].order")]
    [InlineData("default_config:\n  n: +", "default_config.n")]
    public void Parse_IntegerWithHundredThousandDigits_ReportsErrorWithoutParsingIt(string prefix, string field)
    {
        var yaml = Samples.MinimalYaml.Replace("\n    order: 1", string.Empty, StringComparison.Ordinal) + "\n" + prefix + new string('9', 100_000) + "\n";

        var result = ManifestReader.Parse(yaml, DocumentFormat.Yaml, "m.yaml", null, TestContext.Current.CancellationToken);

        result.Errors.ShouldContain(e => e.FieldPath == field, string.Join("\n", result.Problems));
    }

    [Fact]
    public void Parse_TwentyThousandPhasesSharingAnOrder_ReportsEachWithBoundedMessages()
    {
        var yaml = "name: demo\nversion: 1.0.0\ntype: builtin\ndomains: [code]\nphases:\n"
            + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"- {{name: p{i}, order: 1}}\n"))
            + "prompts:\n" + string.Concat(Enumerable.Range(0, 2_000).Select(i => $"  q{i}: a.md\n"));

        var result = ManifestReader.Parse(yaml, DocumentFormat.Yaml, "m.yaml", null, TestContext.Current.CancellationToken);

        result.Errors.Count(e => e.Message.StartsWith("order 1 is shared by", StringComparison.Ordinal)).ShouldBe(20_000);
        result.Errors.Count(e => e.FieldPath.StartsWith("prompts.", StringComparison.Ordinal)).ShouldBe(2_000);
        result.Problems.ShouldAllBe(p => p.Message.Length < 300);
    }

    [Fact]
    public void Parse_ThousandsOfUnknownKeys_WarnsForFiftyAndSumsUpTheRest()
    {
        var yaml = Samples.MinimalYaml + "\n" + string.Concat(Enumerable.Range(0, 5_000).Select(i => $"extra_{i}: 1\n"));

        var result = ManifestReader.Parse(yaml, DocumentFormat.Yaml, "m.yaml", null, TestContext.Current.CancellationToken);

        result.IsValid.ShouldBeTrue();
        result.Problems.Length.ShouldBe(51);
        result.Problems.ShouldContain(p => p.Message == "4950 more unknown keys are ignored");
    }

    // A manifest nested far too deep yields one error at the config field, on the line the nesting starts.
    private static void ShouldReportDepthErrorAtLine(string fileName, string content, int line)
    {
        using var plugin = new TempPlugin();
        plugin.Write(fileName, content);

        var result = ManifestReader.Read(plugin.PluginDirectory, TestContext.Current.CancellationToken);

        var error = result.Errors.ShouldHaveSingleItem();
        error.Message.ShouldContain("nesting is deeper than 64 levels");
        error.FieldPath.ShouldStartWith("config[0][0]");
        error.Line.ShouldBe(line);
    }
}
