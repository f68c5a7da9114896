using Orchestrator.Documents.Parsing;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Plugins.Tests.Manifests;

/// <summary>Rules that need a real plugin directory: manifest file choice, containment and symlinks, executables.</summary>
public sealed class PluginDirectoryTests
{
    private const string ExternalYaml = """
        name: tool
        version: 1.0.0
        type: external
        binary: true
        entry_point: bin/tool
        domains: [code]
        phases:
          - name: plan
            order: 1
        """;

    [Fact]
    public void Read_TwoManifests_ReportsBoth()
    {
        using var plugin = new TempPlugin();
        plugin.Write("plugin.yaml", Samples.MinimalYaml);
        plugin.Write("plugin.json", "{}");

        var result = ManifestReader.Read(plugin.PluginDirectory, TestContext.Current.CancellationToken);

        var error = result.Errors.ShouldHaveSingleItem();
        error.Message.ShouldContain("plugin.yaml and plugin.json");
        error.File.ShouldBe(plugin.PluginDirectory);
    }

    [Fact]
    public void Read_YamlAndYml_ReportsBoth()
    {
        using var plugin = new TempPlugin();
        plugin.Write("plugin.yaml", Samples.MinimalYaml);
        plugin.Write("plugin.yml", Samples.MinimalYaml);

        var result = ManifestReader.Read(plugin.PluginDirectory, TestContext.Current.CancellationToken);

        result.Errors.ShouldHaveSingleItem().Message.ShouldContain("exactly one manifest");
    }

    [Fact]
    public void Read_NoManifest_ReportsMissing()
    {
        using var plugin = new TempPlugin();

        var result = ManifestReader.Read(plugin.PluginDirectory, TestContext.Current.CancellationToken);

        result.Errors.ShouldHaveSingleItem().Message.ShouldContain("holds no manifest");
    }

    [Fact]
    public void Read_MissingPath_ReportsMissing()
    {
        using var plugin = new TempPlugin();

        var result = ManifestReader.Read(Path.Combine(plugin.Root, "nope"), TestContext.Current.CancellationToken);

        result.Errors.ShouldHaveSingleItem().Message.ShouldContain("does not exist");
    }

    [Fact]
    public void Read_ManifestFilePath_ReadsThatFile()
    {
        using var plugin = new TempPlugin();
        var file = plugin.Write("plugin.yml", Samples.MinimalYaml);

        var result = ManifestReader.Read(file, TestContext.Current.CancellationToken);

        result.IsValid.ShouldBeTrue();
        result.Manifest!.ManifestPath.ShouldBe(file);
    }

    [Fact]
    public void Read_FileWithOtherExtension_ReportsNotManifest()
    {
        using var plugin = new TempPlugin();
        var file = plugin.Write("plugin.txt", Samples.MinimalYaml);

        var result = ManifestReader.Read(file, TestContext.Current.CancellationToken);

        result.Errors.ShouldHaveSingleItem().Message.ShouldContain("not a manifest file");
    }

    [Fact]
    public void Read_PromptSymlinkEscaping_ReportsEscape()
    {
        using var plugin = new TempPlugin();
        var outside = Path.Combine(plugin.Root, "secret.md");
        File.WriteAllText(outside, "secret");
        Directory.CreateDirectory(Path.Combine(plugin.PluginDirectory, "prompts"));
        File.CreateSymbolicLink(Path.Combine(plugin.PluginDirectory, "prompts", "plan.md"), outside);
        plugin.Write("plugin.yaml", Samples.MinimalYaml + "\nprompts:\n  plan: prompts/plan.md\n");

        var result = ManifestReader.Read(plugin.PluginDirectory, TestContext.Current.CancellationToken);

        var error = result.Errors.ShouldHaveSingleItem();
        error.FieldPath.ShouldBe("prompts.plan");
        error.Line.ShouldBe(9);
        error.Message.ShouldContain("outside the plugin directory");
    }

    [Fact]
    public void Read_DirectorySymlinkEscaping_ReportsEscape()
    {
        using var plugin = new TempPlugin();
        var outsideDir = Directory.CreateDirectory(Path.Combine(plugin.Root, "elsewhere")).FullName;
        File.WriteAllText(Path.Combine(outsideDir, "plan.md"), "x");
        Directory.CreateSymbolicLink(Path.Combine(plugin.PluginDirectory, "prompts"), "../elsewhere");
        plugin.Write("plugin.yaml", Samples.MinimalYaml + "\nprompts:\n  plan: prompts/plan.md\n");

        var result = ManifestReader.Read(plugin.PluginDirectory, TestContext.Current.CancellationToken);

        result.Errors.ShouldHaveSingleItem().Message.ShouldContain("outside the plugin directory");
    }

    [Fact]
    public void Read_SymlinkLoop_ReportsLoop()
    {
        using var plugin = new TempPlugin();
        File.CreateSymbolicLink(Path.Combine(plugin.PluginDirectory, "a.md"), "b.md");
        File.CreateSymbolicLink(Path.Combine(plugin.PluginDirectory, "b.md"), "a.md");
        plugin.Write("plugin.yaml", Samples.MinimalYaml + "\nprompts:\n  plan: a.md\n");

        var result = ManifestReader.Read(plugin.PluginDirectory, TestContext.Current.CancellationToken);

        result.Errors.ShouldHaveSingleItem().Message.ShouldContain("symbolic links");
    }

    [Fact]
    public void Read_SymlinkStayingInside_IsAccepted()
    {
        using var plugin = new TempPlugin();
        plugin.Write("shared/plan.md", "x");
        Directory.CreateSymbolicLink(Path.Combine(plugin.PluginDirectory, "prompts"), "shared");
        plugin.Write("plugin.yaml", Samples.MinimalYaml + "\nprompts:\n  plan: prompts/plan.md\n");

        var result = ManifestReader.Read(plugin.PluginDirectory, TestContext.Current.CancellationToken);

        result.IsValid.ShouldBeTrue(string.Join("\n", result.Problems));
    }

    [Fact]
    public void Read_PluginDirectoryReachedThroughSymlink_ResolvesDirectory()
    {
        using var plugin = new TempPlugin();
        plugin.Write("plugin.yaml", Samples.MinimalYaml);
        var link = Path.Combine(plugin.Root, "link");
        Directory.CreateSymbolicLink(link, plugin.PluginDirectory);

        var result = ManifestReader.Read(link, TestContext.Current.CancellationToken);

        result.Manifest!.Directory.ShouldBe(PluginPathsOf(plugin.PluginDirectory));
    }

    [Fact]
    public void Read_PromptIsDirectory_ReportsDirectory()
    {
        using var plugin = new TempPlugin();
        Directory.CreateDirectory(Path.Combine(plugin.PluginDirectory, "prompts"));
        plugin.Write("plugin.yaml", Samples.MinimalYaml + "\nprompts:\n  plan: prompts\n");

        var result = ManifestReader.Read(plugin.PluginDirectory, TestContext.Current.CancellationToken);

        result.Errors.ShouldHaveSingleItem().Message.ShouldContain("is a directory");
    }

    [Fact]
    public void Read_BinaryEntryPointNotExecutable_ReportsChmod()
    {
        using var plugin = new TempPlugin();
        plugin.Write("bin/tool", "#!/bin/sh\n");
        plugin.Write("plugin.yaml", ExternalYaml);

        var result = ManifestReader.Read(plugin.PluginDirectory, TestContext.Current.CancellationToken);

        var error = result.Errors.ShouldHaveSingleItem();
        error.FieldPath.ShouldBe("entry_point");
        error.Line.ShouldBe(5);
        error.Message.ShouldContain("chmod +x");
    }

    [Fact]
    public void Read_BinaryEntryPointExecutable_IsAccepted()
    {
        using var plugin = new TempPlugin();
        plugin.WriteExecutable("bin/tool", "#!/bin/sh\n");
        plugin.Write("plugin.yaml", ExternalYaml);

        var result = ManifestReader.Read(plugin.PluginDirectory, TestContext.Current.CancellationToken);

        result.IsValid.ShouldBeTrue(string.Join("\n", result.Problems));
        result.Manifest!.EntryPoint.ShouldBe("bin/tool");
    }

    [Fact]
    public void Read_AssemblyEntryPointMissing_ReportsMissing()
    {
        using var plugin = new TempPlugin();
        plugin.Write("plugin.yaml", ExternalYaml.Replace("binary: true", "binary: false", StringComparison.Ordinal));

        var result = ManifestReader.Read(plugin.PluginDirectory, TestContext.Current.CancellationToken);

        result.Errors.ShouldHaveSingleItem().Message.ShouldContain("does not exist");
    }

    [Fact]
    public void Parse_WithPluginDirectory_ChecksFiles()
    {
        using var plugin = new TempPlugin();

        var result = ManifestReader.Parse(ExternalYaml, DocumentFormat.Yaml, "posted.yaml", plugin.PluginDirectory, TestContext.Current.CancellationToken);

        result.Errors.ShouldHaveSingleItem().Message.ShouldContain("does not exist");
    }

    [Fact]
    public void Parse_WithoutPluginDirectory_SkipsFileChecks()
    {
        var result = ManifestReader.Parse(ExternalYaml, DocumentFormat.Yaml, "posted.yaml", null, TestContext.Current.CancellationToken);

        result.IsValid.ShouldBeTrue(string.Join("\n", result.Problems));
        result.Manifest!.Directory.ShouldBeEmpty();
        result.Manifest.ManifestPath.ShouldBe("posted.yaml");
    }

    private static string PluginPathsOf(string directory) => new DirectoryInfo(directory).FullName;
}
