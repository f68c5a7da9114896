namespace Orchestrator.Plugins.Tests.Execution;

/// <summary>Where the projects under tests/TestPlugins/ are built (artifacts/test-plugins/NAME/), and the repository root.</summary>
internal static class TestPluginBuilds
{
    public static string Directory(string project)
    {
        var directory = Path.Combine(RepositoryRoot(), "artifacts", "test-plugins", project);
        System.IO.Directory.Exists(directory).ShouldBeTrue($"the test plugin {project} should have been built into {directory} (it is a ProjectReference of the test project)");
        return directory;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Orchestrator.sln not found above {AppContext.BaseDirectory}");
    }
}
