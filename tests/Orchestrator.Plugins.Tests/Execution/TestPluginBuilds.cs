namespace Orchestrator.Plugins.Tests.Execution;

/// <summary>Where the projects under tests/TestPlugins/ are built (artifacts/test-plugins/NAME/).</summary>
internal static class TestPluginBuilds
{
    public static string Directory(string project)
    {
        var directory = Path.Combine(RepoPaths.Root, "artifacts", "test-plugins", project);
        System.IO.Directory.Exists(directory).ShouldBeTrue($"the test plugin {project} should have been built into {directory} (it is a ProjectReference of the test project)");
        return directory;
    }
}
