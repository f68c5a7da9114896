namespace Orchestrator.Server.Tests.OpenApi;

/// <summary>Runs the pinned OpenAPI checkers of tools/openapi (installed by <c>./build.sh test</c>) as child processes.</summary>
internal static class OpenApiTools
{
    /// <summary>The redocly lint settings: recommended rules, and the warnings we keep.</summary>
    public static string RedoclyConfig => Path.Combine(Directory, "redocly.yaml");

    private static string Directory => Path.Combine(RepoPaths.Root, "tools", "openapi");

    /// <summary>
    /// Runs <paramref name="tool"/> with its standard output written to <paramref name="standardOutput"/> (its error
    /// stream stays in the returned output); fails the test when it does not exit within two minutes.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string tool, string workingDirectory, string standardOutput, params string[] arguments)
    {
        var executable = Path.Combine(Directory, "node_modules", ".bin", tool);
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"{executable} is missing: run ./build.sh test, which installs tools/openapi with npm ci.");
        }

        // exec keeps the tool's process id, so a timeout kills the tool itself; redocly sends nothing anywhere with these.
        using var process = ChildProcess.Start(
            "bash",
            ["-c", "exec \"$0\" \"$@\" > \"$TOOL_STDOUT\"", executable, .. arguments],
            workingDirectory,
            new Dictionary<string, string>
            {
                ["TOOL_STDOUT"] = standardOutput,
                ["REDOCLY_TELEMETRY"] = "off",
                ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true",
                ["NO_COLOR"] = "1",
            });
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));
        return (exitCode, process.Output);
    }
}
