using System.Reflection;

namespace Orchestrator.Server.Tests.Infrastructure;

/// <summary>The repository and the built CLI, as recorded at build time.</summary>
public static class RepoPaths
{
    public static string Root { get; } = Metadata("RepoRoot");

    public static string CliAssembly { get; } = Metadata("CliAssembly");

    private static string Metadata(string key) =>
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
