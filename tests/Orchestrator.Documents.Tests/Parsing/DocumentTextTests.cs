using Orchestrator.Documents.Parsing;
using Orchestrator.Documents.Problems;

namespace Orchestrator.Documents.Tests.Parsing;

/// <summary>Reading a document file: bounded, strict UTF-8, every failure a problem.</summary>
public sealed class DocumentTextTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Read_Utf8File_ReturnsTheText()
    {
        var file = _root.Write("w.yaml", "name: café\n");
        var problems = new ProblemCollector(file);

        DocumentText.Read(file, 1024, "workflow", "a few hundred bytes", problems).ShouldBe("name: café\n");
        problems.ToImmutable().ShouldBeEmpty();
    }

    [Fact]
    public void Read_MissingFile_ReportsItDoesNotExist()
    {
        var problems = new ProblemCollector("nowhere.yaml");

        DocumentText.Read(_root.Combine("nowhere.yaml"), 1024, "workflow", "a few hundred bytes", problems).ShouldBeNull();
        problems.ToImmutable().ShouldHaveSingleItem().Message.ShouldBe("does not exist");
    }

    [Fact]
    public void Read_FileOverTheLimit_ReportsTheLimitAndTheTypicalSize()
    {
        var file = _root.Write("w.yaml", new string('x', 2049));
        var problems = new ProblemCollector(file);

        DocumentText.Read(file, 2048, "workflow", "a few hundred bytes", problems).ShouldBeNull();
        var error = problems.ToImmutable().ShouldHaveSingleItem();
        error.Severity.ShouldBe(ProblemSeverity.Error);
        error.Message.ShouldBe("the workflow is larger than 2048 bytes (2 KiB); a workflow should be a few hundred bytes");
    }

    [Fact]
    public void Read_InvalidUtf8_ReportsHowToSaveIt()
    {
        var file = _root.Combine("w.yaml");
        File.WriteAllBytes(file, [(byte)'a', 0xC3, 0x28]);
        var problems = new ProblemCollector(file);

        DocumentText.Read(file, 1024, "manifest", "a few kilobytes", problems).ShouldBeNull();
        problems.ToImmutable().ShouldHaveSingleItem().Message.ShouldBe("is not valid UTF-8 text; save the manifest as UTF-8");
    }
}
