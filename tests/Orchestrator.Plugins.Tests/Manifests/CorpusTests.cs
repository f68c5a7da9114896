using Orchestrator.Documents.Parsing;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Plugins.Tests.Manifests;

/// <summary>Every corpus manifest is written to a real plugin directory, read, and must fail with its expected error.</summary>
public sealed class CorpusTests
{
    public static TheoryData<string> CaseIds => [.. Corpus.Cases.Keys];

    [Fact]
    public void Corpus_HasAtLeastFortyCasesInBothFormats()
    {
        Corpus.Cases.Count.ShouldBeGreaterThanOrEqualTo(40);
        Corpus.Cases.Values.Count(c => c.Format == DocumentFormat.Json).ShouldBeGreaterThanOrEqualTo(15);
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Read_CorpusManifest_ReportsExpectedError(string id)
    {
        var @case = Corpus.Cases[id];
        using var plugin = new TempPlugin();
        var file = plugin.Write(@case.Format == DocumentFormat.Yaml ? "plugin.yaml" : "plugin.json", @case.Content);

        var result = ManifestReader.Read(plugin.PluginDirectory, TestContext.Current.CancellationToken);

        result.Manifest.ShouldBeNull();
        result.IsValid.ShouldBeFalse();
        var all = string.Join("\n", result.Problems);
        var match = result.Errors.FirstOrDefault(p => p.FieldPath == @case.Field && p.Message.Contains(@case.MessagePart, StringComparison.Ordinal));
        match.ShouldNotBeNull($"expected an error at '{@case.Field}' containing '{@case.MessagePart}', got:\n{all}");
        match.Line.ShouldBe(@case.Line, all);
        match.File.ShouldBe(file);
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Parse_CorpusManifestWithoutDirectory_NeverThrowsAndReportsErrorsUnlessFileCheck(string id)
    {
        var @case = Corpus.Cases[id];

        var result = ManifestReader.Parse(@case.Content, @case.Format, "posted", null, TestContext.Current.CancellationToken);

        // Only the existence check needs the plugin directory; every other rule fires on the text alone.
        if (@case.MessagePart == "does not exist")
        {
            result.IsValid.ShouldBeTrue(string.Join("\n", result.Problems));
        }
        else
        {
            result.Errors.ShouldContain(p => p.FieldPath == @case.Field && p.Line == @case.Line, string.Join("\n", result.Problems));
        }
    }
}
