using Orchestrator.Abstractions.Phases;

namespace Orchestrator.Abstractions.Tests.Phases;

public sealed class PhaseRequestTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("orch-request-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void WorkingDirectory_Read_ExistsFromThenOn()
    {
        var workspace = Path.Combine(_root, "runs", "run-1");
        var request = Request(workspace);
        Directory.Exists(workspace).ShouldBeFalse("making the request makes no directory");

        request.WorkingDirectory.ShouldBe(workspace);

        Directory.Exists(workspace).ShouldBeTrue();
        File.WriteAllText(Path.Combine(request.WorkingDirectory, "notes.md"), "kept");
        (request with { Attempt = 2 }).WorkingDirectory.ShouldBe(workspace);
        File.ReadAllText(Path.Combine(workspace, "notes.md")).ShouldBe("kept", "reading it again keeps what is there");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void WorkingDirectory_NoneGiven_ReadsAsGivenAndMakesNothing(string given)
    {
        Request(given).WorkingDirectory.ShouldBe(given);
        Request(null!).WorkingDirectory.ShouldBe(string.Empty);
    }

    [Fact]
    public void WorkingDirectory_UnderAFile_ReadFailsWithTheFileSystemError()
    {
        var file = Path.Combine(_root, "plain-file");
        File.WriteAllText(file, "not a directory");

        Should.Throw<IOException>(() => Request(Path.Combine(file, "run-1")).WorkingDirectory);
    }

    private static PhaseRequest Request(string workingDirectory) => new()
    {
        RunId = "run-1",
        Plugin = "demo",
        PluginVersion = "1.0.0",
        Phase = "write",
        WorkingDirectory = workingDirectory,
    };
}
