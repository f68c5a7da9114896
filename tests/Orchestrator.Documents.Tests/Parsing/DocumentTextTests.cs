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

    [Fact]
    public async Task Read_Fifo_ReportedWithoutWaitingForAWriter()
    {
        var fifo = SpecialFiles.Fifo(_root.Combine("plugin.yaml"));
        var problems = new ProblemCollector(fifo);
        try
        {
            var text = await Task.Run(() => DocumentText.Read(fifo, 1024, "manifest", "a few kilobytes", problems), TestContext.Current.CancellationToken)
                .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

            text.ShouldBeNull();
            problems.ToImmutable().ShouldHaveSingleItem().Message.ShouldBe("is a FIFO (named pipe), not a regular file; it was not read (a manifest must be a regular file)");
        }
        finally
        {
            SpecialFiles.Unblock(fifo);
        }
    }

    [Theory]
    [InlineData("/dev/zero", "a character device")]
    [InlineData("/dev/null", "a character device")]
    public async Task Read_LinkToDevice_ReportedWithoutReading(string device, string kind)
    {
        var link = SpecialFiles.Link(_root.Combine("w.yaml"), device);
        var problems = new ProblemCollector(link);

        var text = await Task.Run(() => DocumentText.Read(link, 1024, "workflow", "a few hundred bytes", problems), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        text.ShouldBeNull();
        problems.ToImmutable().ShouldHaveSingleItem().Message.ShouldStartWith($"is {kind}, not a regular file");
    }

    [Fact]
    public void Read_Socket_ReportedAsASocket()
    {
        var path = _root.Combine("w.yaml");
        using var socket = SpecialFiles.UnixSocket(path);
        var problems = new ProblemCollector(path);

        DocumentText.Read(path, 1024, "workflow", "a few hundred bytes", problems).ShouldBeNull();
        problems.ToImmutable().ShouldHaveSingleItem().Message.ShouldStartWith("is a socket, not a regular file");
    }

    [Fact]
    public void Read_Directory_ReportedAsADirectory()
    {
        var directory = _root.Sub("w.yaml");
        var problems = new ProblemCollector(directory);

        DocumentText.Read(directory, 1024, "workflow", "a few hundred bytes", problems).ShouldBeNull();
        problems.ToImmutable().ShouldHaveSingleItem().Message.ShouldStartWith("is a directory, not a regular file");
    }

    [Fact]
    public void Read_LinkToRegularFile_ReadsTheTarget()
    {
        var target = _root.Write("real.yaml", "name: linked\n");
        var link = SpecialFiles.Link(_root.Combine("w.yaml"), target);
        var problems = new ProblemCollector(link);

        DocumentText.Read(link, 1024, "workflow", "a few hundred bytes", problems).ShouldBe("name: linked\n");
        problems.ToImmutable().ShouldBeEmpty();
    }
}
