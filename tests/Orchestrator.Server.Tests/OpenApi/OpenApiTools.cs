namespace Orchestrator.Server.Tests.OpenApi;

/// <summary>Runs the pinned OpenAPI checkers of tools/openapi (installed by <c>./build.sh test</c>) as child processes.</summary>
internal static class OpenApiTools
{
    /// <summary>The redocly lint settings: recommended rules, and the warnings we keep.</summary>
    public static string RedoclyConfig => Path.Combine(Directory, "redocly.yaml");

    private static string Directory => Path.Combine(RepoPaths.Root, "tools", "openapi");

    /// <summary>Runs <paramref name="tool"/> to its end; fails the test when it does not exit within two minutes.</summary>
    public static Task<ProcessResult> RunAsync(string tool, string workingDirectory, params string[] arguments)
    {
        var executable = Path.Combine(Directory, "node_modules", ".bin", tool);
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"{executable} is missing: run ./build.sh test, which installs tools/openapi with npm ci.");
        }

        // Redocly sends no telemetry and looks for no update with these.
        var environment = new Dictionary<string, string> { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true", ["NO_COLOR"] = "1" };
        return ChildProcess.RunAsync(executable, arguments, TimeSpan.FromMinutes(2), environment, workingDirectory);
    }
}
