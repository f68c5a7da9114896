using System.Collections.Immutable;
using Orchestrator.Plugins.Discovery;

namespace Orchestrator.Plugins.Tests.Discovery;

/// <summary>The installed launcher names the command's directory, so the built-in plugins are found in PREFIX/share.</summary>
public sealed class BinaryDirectoryTests
{
    private static ImmutableDictionary<string, string> Variables(string? launcher) =>
        launcher is null
            ? ImmutableDictionary<string, string>.Empty
            : ImmutableDictionary<string, string>.Empty.Add(DiscoveryOptions.BinaryDirectoryVariable, launcher);

    [Theory]
    [InlineData(null, "/home/ada/.local/lib/orchestrator/")]
    [InlineData("/home/ada/.local/bin", "/home/ada/.local/bin")]
    [InlineData("relative/bin", "/home/ada/.local/lib/orchestrator/")]
    [InlineData("", "/home/ada/.local/lib/orchestrator/")]
    public void BinaryDirectoryFrom_LauncherVariable_UsedOnlyWhenAbsolute(string? launcher, string expected)
    {
        DiscoveryOptions.BinaryDirectoryFrom(Variables(launcher), "/home/ada/.local/lib/orchestrator/").ShouldBe(expected);
    }

    [Fact]
    public void Resolve_LauncherInPrefixBin_BuiltInPathIsPrefixShare()
    {
        var options = new DiscoveryOptions
        {
            Environment = Variables("/opt/orchestrator/bin"),
            HomeDirectory = "/home/ada",
            CurrentDirectory = "/work/elsewhere",
            BinaryDirectory = DiscoveryOptions.BinaryDirectoryFrom(Variables("/opt/orchestrator/bin"), "/opt/orchestrator/lib/orchestrator/"),
        };

        SearchPaths.Resolve(options).Where(p => p.Kind == SearchPathKind.BuiltIn).Select(p => p.Directory)
            .ShouldBe(["/opt/orchestrator/share/orchestrator/plugins", "/opt/orchestrator/bin/plugins"]);
    }
}
