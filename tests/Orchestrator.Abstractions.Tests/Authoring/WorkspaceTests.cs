using Orchestrator.Abstractions.Authoring;
using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Abstractions.Tests.Authoring;

/// <summary>The working directory: LF UTF-8 files named relative to it, and no path out of it.</summary>
public sealed class WorkspaceTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task WriteAsync_NestedFile_CreatesFoldersWritesLfAndReturnsTheRelativePath()
    {
        var workspace = new Workspace(_root.Path);

        var relative = await workspace.WriteAsync("notes/premise.md", "a\r\nb\n", TestContext.Current.CancellationToken);

        relative.ShouldBe("notes/premise.md");
        (await File.ReadAllBytesAsync(_root.Combine("notes", "premise.md"), TestContext.Current.CancellationToken)).ShouldBe("a\nb\n"u8.ToArray());
        workspace.Exists("notes/premise.md").ShouldBeTrue();
        (await workspace.ReadAsync("notes/premise.md", TestContext.Current.CancellationToken)).ShouldBe("a\nb\n");
    }

    [Theory]
    [InlineData("../outside.md")]
    [InlineData("notes/../../outside.md")]
    [InlineData("/etc/passwd")]
    public void Resolve_PathLeavingTheWorkingDirectory_Refused(string path)
    {
        var workspace = new Workspace(_root.Path);

        Should.Throw<PhaseInputException>(() => workspace.Resolve(path)).Message.ShouldContain("leaves the working directory");
        File.Exists(Path.Combine(Path.GetDirectoryName(_root.Path)!, "outside.md")).ShouldBeFalse();
    }
}
