using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Hosting;

/// <summary>docker-compose.yml is accepted by `docker compose config` (or the standalone docker-compose) when installed.</summary>
public sealed class DockerComposeTests
{
    [Fact]
    public async Task ComposeFile_Config_AcceptedWithAllServicesAndVolume()
    {
        var (command, prefix) = await ComposeCommandAsync();
        if (command is null)
        {
            Assert.Skip("neither 'docker compose' nor 'docker-compose' is installed");
        }

        using var config = ChildProcess.Start(command, [.. prefix, "-f", "docker-compose.yml", "config"], workingDirectory: RepoPaths.Root);
        var exit = await config.WaitForExitCodeAsync(TimeSpan.FromSeconds(60));

        exit.ShouldBe(0, config.Output);
        foreach (var expected in new[] { "azurite:", "sidecar:", "server:", "azurite-data:", "healthcheck:", "http://sidecar:4001", "/plugins", "/workflows" })
        {
            config.Output.ShouldContain(expected);
        }
    }

    [Fact]
    public async Task ComposeFile_BrokenCopy_Rejected()
    {
        var (command, prefix) = await ComposeCommandAsync();
        if (command is null)
        {
            Assert.Skip("neither 'docker compose' nor 'docker-compose' is installed");
        }

        using var temp = new TempDirectory("orch-compose-");
        var broken = File.ReadAllText(Path.Combine(RepoPaths.Root, "docker-compose.yml")).Replace("services:", "servicez:", StringComparison.Ordinal);
        temp.Write("docker-compose.yml", broken);
        using var config = ChildProcess.Start(command, [.. prefix, "-f", "docker-compose.yml", "config"], workingDirectory: temp.Path);

        (await config.WaitForExitCodeAsync(TimeSpan.FromSeconds(60))).ShouldNotBe(0, config.Output);
    }

    private static async Task<(string? Command, string[] Prefix)> ComposeCommandAsync()
    {
        foreach (var (command, prefix) in new[] { ("docker", new[] { "compose" }), ("docker-compose", Array.Empty<string>()) })
        {
            try
            {
                using var version = ChildProcess.Start(command, [.. prefix, "version"], workingDirectory: Path.GetTempPath());
                if (await version.WaitForExitCodeAsync(TimeSpan.FromSeconds(30)) == 0)
                {
                    return (command, prefix);
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed.
            }
        }

        return (null, []);
    }
}
