namespace Orchestrator.IntegrationTests.Install;

/// <summary>
/// <c>./build.sh install</c> into a temporary prefix, once for the test class: the publish is the slow part, so every
/// test of the installed command shares it. The prefix is deleted on dispose.
/// </summary>
public sealed class InstalledOrchestrator : IAsyncLifetime
{
    // A publish builds the CLI and its projects (incremental after ./build.sh); a loaded 2-core machine needs minutes.
    private static readonly TimeSpan InstallDeadline = TimeSpan.FromMinutes(15);

    private readonly TempDirectory _prefix = new("orch-prefix-");

    public string Prefix => _prefix.Path;

    public string Command => Path.Combine(Prefix, "bin", "orchestrator");

    public string PluginsDirectory => Path.Combine(Prefix, "share", "orchestrator", "plugins");

    public string InstallOutput { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        var result = await ChildProcess.RunAsync(
            "bash", [Path.Combine(RepoPaths.Root, "build.sh"), "install", Prefix], InstallDeadline, workingDirectory: RepoPaths.Root);
        InstallOutput = result.Output;
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"./build.sh install {Prefix} failed: {result}");
        }
    }

    public ValueTask DisposeAsync()
    {
        _prefix.Dispose();
        return ValueTask.CompletedTask;
    }
}
