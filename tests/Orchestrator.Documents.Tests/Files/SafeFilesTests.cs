using Orchestrator.Documents.Files;

namespace Orchestrator.Documents.Tests.Files;

/// <summary>Examining paths with stat/lstat and opening only regular files, on real special files.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SafeFilesTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void KindOf_EachKindOfEntry_NamedAsStatReportsIt()
    {
        var file = _root.Write("file", "x");
        var fifo = SpecialFiles.Fifo(_root.Combine("fifo"));
        using var socket = SpecialFiles.UnixSocket(_root.Combine("socket"));
        var zero = SpecialFiles.Link(_root.Combine("zero"), "/dev/zero");
        var dangling = SpecialFiles.Link(_root.Combine("dangling"), _root.Combine("nowhere"));

        SafeFiles.KindOf(file, followLinks: false).ShouldBe(FileKind.Regular);
        SafeFiles.KindOf(_root.Path, followLinks: false).ShouldBe(FileKind.Directory);
        SafeFiles.KindOf(fifo, followLinks: true).ShouldBe(FileKind.Fifo);
        SafeFiles.KindOf(_root.Combine("socket"), followLinks: true).ShouldBe(FileKind.Socket);
        SafeFiles.KindOf(zero, followLinks: false).ShouldBe(FileKind.SymbolicLink);
        SafeFiles.KindOf(zero, followLinks: true).ShouldBe(FileKind.CharacterDevice);
        SafeFiles.KindOf(dangling, followLinks: false).ShouldBe(FileKind.SymbolicLink);
        SafeFiles.KindOf(dangling, followLinks: true).ShouldBe(FileKind.Missing);
        SafeFiles.KindOf(_root.Combine("nowhere"), followLinks: true).ShouldBe(FileKind.Missing);
        SafeFiles.KindOf(Path.Combine(file, "below-a-file"), followLinks: true).ShouldBe(FileKind.Missing);
    }

    [Fact]
    public async Task OpenRead_RegularFile_ReadsItsBytes()
    {
        var file = _root.Write("file", "content");

        using var stream = SafeFiles.OpenRead(file);
        using var reader = new StreamReader(stream);

        (await reader.ReadToEndAsync(TestContext.Current.CancellationToken)).ShouldBe("content");
    }

    [Fact]
    public async Task OpenRead_Fifo_RefusedWithoutBlocking()
    {
        var fifo = SpecialFiles.Fifo(_root.Combine("fifo"));
        try
        {
            var failure = await Should.ThrowAsync<IOException>(
                Task.Run(() => SafeFiles.OpenRead(fifo), TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));

            failure.Message.ShouldBe($"'{fifo}' is a FIFO (named pipe), not a regular file; it was not opened (only regular files are read)");
        }
        finally
        {
            SpecialFiles.Unblock(fifo);
        }
    }

    [Fact]
    public void OpenRead_LinkToDevice_RefusedNamingTheDevice()
    {
        var zero = SpecialFiles.Link(_root.Combine("zero"), "/dev/zero");

        Should.Throw<IOException>(() => SafeFiles.OpenRead(zero)).Message.ShouldContain("is a character device, not a regular file");
    }

    [Fact]
    public void OpenRead_Missing_FileNotFound()
    {
        Should.Throw<FileNotFoundException>(() => SafeFiles.OpenRead(_root.Combine("nowhere")));
    }
}
