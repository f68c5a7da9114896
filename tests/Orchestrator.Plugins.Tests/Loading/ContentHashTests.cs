using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Loading;
using Orchestrator.Plugins.Tests.Execution;

namespace Orchestrator.Plugins.Tests.Loading;

/// <summary>
/// Hashing a plugin directory never leaves it and never opens a special file (docs/writing-plugins.md#content-hash):
/// links are hashed as their text, FIFOs, devices and sockets are errors naming their path.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ContentHashTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly PluginSandbox _sandbox = new();
    private readonly List<string> _fifos = [];

    public void Dispose()
    {
        _fifos.ForEach(SpecialFiles.Unblock);
        _sandbox.Dispose();
    }

    [Fact]
    public async Task Scan_LinksToDevZeroAndTheRoot_HashedAsLinksAndReportedAsOutside()
    {
        var directory = _sandbox.Sub("plugin");
        await File.WriteAllTextAsync(Path.Combine(directory, "plugin.yaml"), "name: x\n", TestContext.Current.CancellationToken);
        var zero = SpecialFiles.Link(Path.Combine(directory, "zero"), "/dev/zero");
        var root = SpecialFiles.Link(Path.Combine(directory, "nested", "rootlink"), "/");

        var content = await ScanAsync(directory);

        content.Hash.ShouldMatch("^[0-9a-f]{64}$");
        content.Warnings.Select(w => w.File).Order(StringComparer.Ordinal).ShouldBe([root, zero]);
        content.Warnings.ShouldAllBe(w => w.Message.Contains("points outside the plugin directory: it is not followed"));
    }

    [Fact]
    public async Task Scan_LinkInsidePointingInside_NoWarningAndRetargetingChangesTheHash()
    {
        var directory = _sandbox.Sub("plugin");
        await File.WriteAllTextAsync(Path.Combine(directory, "a.txt"), "a", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "b.txt"), "b", TestContext.Current.CancellationToken);
        var link = SpecialFiles.Link(Path.Combine(directory, "current"), "a.txt");

        var first = await ScanAsync(directory);
        File.Delete(link);
        File.CreateSymbolicLink(link, "b.txt");
        var retargeted = await ScanAsync(directory);

        first.Warnings.ShouldBeEmpty();
        retargeted.Hash.ShouldNotBe(first.Hash);
    }

    [Fact]
    public async Task Scan_ExtraLink_ChangesTheHash()
    {
        var withLink = _sandbox.Sub("with");
        var without = _sandbox.Sub("without");
        foreach (var directory in new[] { withLink, without })
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "run"), "#!/bin/sh\n", TestContext.Current.CancellationToken);
        }

        SpecialFiles.Link(Path.Combine(withLink, "alias"), "run");

        (await ScanAsync(withLink)).Hash.ShouldNotBe((await ScanAsync(without)).Hash);
    }

    [Fact]
    public async Task Scan_Fifo_FailsNamingItWithoutOpeningIt()
    {
        var directory = _sandbox.Sub("plugin");
        var fifo = Fifo(Path.Combine(directory, "data", "pipe"));

        var failure = await Should.ThrowAsync<IOException>(() => ScanAsync(directory));

        failure.Message.ShouldBe($"'{fifo}' is a FIFO (named pipe), not a regular file; it was not opened (only regular files are read)");
    }

    [Fact]
    public async Task Scan_Socket_FailsNamingIt()
    {
        var directory = _sandbox.Sub("plugin");
        using var socket = SpecialFiles.UnixSocket(Path.Combine(directory, "control.sock"));

        (await Should.ThrowAsync<IOException>(() => ScanAsync(directory))).Message.ShouldContain("control.sock' is a socket");
    }

    [Fact]
    public async Task ReloadAsync_PluginWithDeviceLink_LoadsWithAWarning()
    {
        var directory = _sandbox.WriteBash("linked", "cat > /dev/null; echo '{\"output\":null}'");
        var zero = SpecialFiles.Link(Path.Combine(directory, "zero"), "/dev/zero");

        var plugin = await _sandbox.LoadAsync("linked").WaitAsync(Deadline, TestContext.Current.CancellationToken);

        plugin.Warnings.ShouldHaveSingleItem().File.ShouldBe(zero);
        (await _sandbox.ExecuteAsync(plugin, "go")).Output.ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task ReloadAsync_PluginHoldingAFifo_RejectedNamingTheFifoAndOthersLoad()
    {
        _sandbox.WriteBash("fine", "echo '{\"output\":null}'");
        var directory = _sandbox.WriteBash("piped", "echo '{\"output\":null}'");
        var fifo = Fifo(Path.Combine(directory, "input.fifo"));

        await _sandbox.Catalog.ReloadAsync(TestContext.Current.CancellationToken).WaitAsync(Deadline, TestContext.Current.CancellationToken);

        _sandbox.Catalog.TryGet("fine", out _).ShouldBeTrue();
        var problem = _sandbox.Catalog.Problems.ShouldHaveSingleItem();
        problem.Kind.ShouldBe(PluginProblemKind.LoadFailed);
        problem.Message.ShouldContain($"cannot hash the plugin directory: '{fifo}' is a FIFO (named pipe)");
    }

    [Fact]
    public async Task ReloadAsync_CancelledToken_StopsWithoutLoading()
    {
        _sandbox.WriteBash("fine", "echo '{\"output\":null}'");

        await Should.ThrowAsync<OperationCanceledException>(() => _sandbox.Catalog.ReloadAsync(new CancellationToken(canceled: true)));

        _sandbox.Catalog.List().ShouldBeEmpty();
    }

    private string Fifo(string path)
    {
        _fifos.Add(path);
        return SpecialFiles.Fifo(path);
    }

    private static Task<PluginContent> ScanAsync(string directory) =>
        Task.Run(() => ContentHash.Scan(directory, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken)
            .WaitAsync(Deadline, TestContext.Current.CancellationToken);
}
