using Orchestrator.Plugins.Discovery;
using Orchestrator.Plugins.Manifests;

namespace Orchestrator.Plugins.Tests.Discovery;

/// <summary>FIFOs, devices and links where manifests are expected: reported with their path, never opened or waited on.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SpecialFileDiscoveryTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TestEnvironment _env = new();
    private readonly List<string> _fifos = [];

    public void Dispose()
    {
        _fifos.ForEach(SpecialFiles.Unblock);
        _env.Dispose();
    }

    [Fact]
    public async Task Discover_FifoAsManifest_ReportedAndTheOtherPluginsFound()
    {
        var plugins = _env.Sub("plugins");
        PluginFiles.Write(plugins, "good");
        var fifo = Fifo(Path.Combine(plugins, "stuck", "plugin.yaml"));

        var result = await DiscoverAsync(plugins);

        result.Plugins.Select(p => p.Name).ShouldBe(["good"]);
        var problem = result.Problems.ShouldHaveSingleItem();
        problem.Kind.ShouldBe(PluginProblemKind.InvalidManifest);
        problem.Path.ShouldBe(Path.Combine(plugins, "stuck"));
        var error = problem.ManifestProblems.ShouldHaveSingleItem();
        error.File.ShouldBe(fifo);
        error.Message.ShouldContain("is a FIFO (named pipe), not a regular file");
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/urandom")]
    public async Task Discover_ManifestLinkedToADevice_ReportedWithoutReading(string device)
    {
        var plugins = _env.Sub("plugins");
        SpecialFiles.Link(Path.Combine(plugins, "endless", "plugin.yaml"), device);

        var result = await DiscoverAsync(plugins);

        result.Problems.ShouldHaveSingleItem().ManifestProblems.ShouldHaveSingleItem().Message.ShouldContain("is a character device, not a regular file");
    }

    [Fact]
    public async Task Discover_SubdirectoryLinkedToTheRoot_NotAPluginAndNothingBelowIsRead()
    {
        var plugins = _env.Sub("plugins");
        PluginFiles.Write(plugins, "good");
        SpecialFiles.Link(Path.Combine(plugins, "rootlink"), "/");

        var result = await DiscoverAsync(plugins);

        result.Plugins.Select(p => p.Name).ShouldBe(["good"]);
        result.Problems.ShouldHaveSingleItem().Kind.ShouldBe(PluginProblemKind.NoManifest);
    }

    [Fact]
    public async Task Read_FifoManifestFile_ErrorNamingIt()
    {
        var fifo = Fifo(Path.Combine(_env.Sub("plugin"), "plugin.json"));

        var read = await Task.Run(() => ManifestReader.Read(fifo, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken)
            .WaitAsync(Deadline, TestContext.Current.CancellationToken);

        read.IsValid.ShouldBeFalse();
        read.Errors.ShouldHaveSingleItem().Message.ShouldContain("is a FIFO (named pipe), not a regular file");
    }

    [Fact]
    public async Task Read_PromptIsAFifo_ErrorNamingThePrompt()
    {
        var directory = PluginFiles.Write(_env.Sub("plugins"), "prompted");
        await File.AppendAllTextAsync(Path.Combine(directory, "plugin.yaml"), "prompts:\n  first: prompts/draft.md\n", TestContext.Current.CancellationToken);
        Fifo(Path.Combine(directory, "prompts", "draft.md"));

        var read = await Task.Run(() => ManifestReader.Read(directory, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken)
            .WaitAsync(Deadline, TestContext.Current.CancellationToken);

        var error = read.Errors.ShouldHaveSingleItem();
        error.FieldPath.ShouldBe("prompts.first");
        error.Message.ShouldBe("'prompts/draft.md' is a FIFO (named pipe), not a regular file; name a regular file");
    }

    private string Fifo(string path)
    {
        _fifos.Add(path);
        return SpecialFiles.Fifo(path);
    }

    private Task<DiscoveryResult> DiscoverAsync(string plugins) =>
        Task.Run(() => new PluginDiscovery().Discover(_env.Options([plugins]), TestContext.Current.CancellationToken), TestContext.Current.CancellationToken)
            .WaitAsync(Deadline, TestContext.Current.CancellationToken);
}
