namespace Orchestrator.Sidecar.Tests.Infrastructure;

/// <summary>Locates the repository and the programs the tests run as processes.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string RepoRoot => Root.Value;

    /// <summary>The build configuration the tests were built with (Release or Debug).</summary>
    public static string Configuration =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string CliDll => Existing(Path.Combine(RepoRoot, "src", "Orchestrator.Cli", "bin", Configuration, "net10.0", "orchestrator.dll"));

    public static string TestWorkerDll => Existing(Path.Combine(RepoRoot, "tests", "TestHosts", "Orchestrator.TestWorker", "bin", Configuration, "net10.0", "Orchestrator.TestWorker.dll"));

    public static string AzuriteExecutable => Path.Combine(RepoRoot, "tools", "azurite", "node_modules", ".bin", "azurite");

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
