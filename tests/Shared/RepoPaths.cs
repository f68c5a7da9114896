namespace Orchestrator.Testing;

/// <summary>Locates the repository and the programs the tests run as processes.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root: the nearest directory above the test binaries holding Orchestrator.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The build configuration the tests were built with (Release or Debug).</summary>
    public static string Configuration =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string CliDll => Existing(Path.Combine(Root, "src", "Orchestrator.Cli", "bin", Configuration, "net10.0", "orchestrator.dll"));

    public static string TestWorkerDll => Existing(Path.Combine(Root, "tests", "TestHosts", "Orchestrator.TestWorker", "bin", Configuration, "net10.0", "Orchestrator.TestWorker.dll"));

    public static string SqliteTestHostDll => Existing(Path.Combine(Root, "tests", "TestHosts", "Orchestrator.SqliteTestHost", "bin", Configuration, "net10.0", "Orchestrator.SqliteTestHost.dll"));

    public static string AzuriteExecutable => Path.Combine(Root, "tools", "azurite", "node_modules", ".bin", "azurite");

    private static string Existing(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: build the solution first (dotnet build Orchestrator.sln -c {Configuration}).", path);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Orchestrator.sln above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}
