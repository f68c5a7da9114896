using Orchestrator.Contracts.Problems;
using Orchestrator.Documents.Parsing;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Contracts.Tests;

public sealed class ProblemContractTests
{
    [Fact]
    public void Validation_BrokenManifest_InvalidWithEveryProblemLocated()
    {
        var read = ManifestReader.Parse("name: broken\nversion: one\ntype: builtin\ndomains: [x]\nphases:\n  - name: a\n    order: 0\n", DocumentFormat.Yaml, "plugin manifest", null, TestContext.Current.CancellationToken);

        var result = ValidationResult.From(null, read);

        result.Valid.ShouldBeFalse();
        result.Path.ShouldBeNull();
        result.Name.ShouldBeNull();
        result.Problems.Select(p => (p.Severity, p.File, p.Field, p.Line)).ShouldBe(
            [("error", "plugin manifest", "version", 2), ("error", "plugin manifest", "phases[0].order", 7)]);
    }

    [Fact]
    public void Validation_ValidManifestWithUnknownKey_ValidWithTheWarning()
    {
        var read = ManifestReader.Parse("name: ok\nversion: 1.2.3\ntype: builtin\ndomains: [x]\ncolour: blue\nphases:\n  - name: a\n    order: 1\n", DocumentFormat.Yaml, "plugin manifest", null, TestContext.Current.CancellationToken);

        var result = ValidationResult.From("dir", read);

        result.Valid.ShouldBeTrue();
        (result.Name, result.Version, result.Path).ShouldBe(("ok", "1.2.3", "dir"));
        result.Problems.ShouldHaveSingleItem().Severity.ShouldBe("warning");
    }

    [Fact]
    public void Report_SeveralResults_CountsValidAndInvalid()
    {
        var valid = new ValidationResult("a", true, "a", "1.0.0", []);
        var invalid = new ValidationResult("b", false, null, null, []);

        var report = ValidationReport.From([valid, invalid, valid]);

        (report.Valid, report.Invalid, report.Results.Length).ShouldBe((2, 1, 3));
    }
}
