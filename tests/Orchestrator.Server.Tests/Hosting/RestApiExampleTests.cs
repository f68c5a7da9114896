using System.Text.RegularExpressions;
using Orchestrator.Server.Tests.Infrastructure;

namespace Orchestrator.Server.Tests.Hosting;

/// <summary>
/// The REST example of docs/rest-api.md, run exactly as written (only the base URL changes) with the real curl against a real
/// <c>orchestrator serve</c> process started from the repository root, which is then stopped with SIGTERM.
/// </summary>
public sealed partial class RestApiExampleTests
{
    private const string Marker = "<!-- rest-api-example -->";
    private const string DefaultBase = "http://127.0.0.1:8080";

    [Fact]
    public async Task DocsCurlExample_AgainstServe_StartsWatchesApprovesAndFetchesCompletedRun()
    {
        var script = ExampleScript();
        script.ShouldContain(DefaultBase);
        using var data = new TempDirectory("orch-readme-");
        using var serve = ChildProcess.Start(
            "dotnet",
            [RepoPaths.CliDll, "serve", "--urls", "http://127.0.0.1:0", "--data-dir", data.Path],
            new Dictionary<string, string> { ["XDG_DATA_HOME"] = data.Combine("xdg-data"), ["XDG_CONFIG_HOME"] = data.Combine("xdg-config") },
            RepoPaths.Root);
        var line = await serve.WaitForLineAsync(l => l.StartsWith("Orchestrator API listening on ", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "listening line");
        var baseUrl = ListeningUrl().Match(line).Value;

        using var curl = ChildProcess.Start("bash", ["-euo", "pipefail", "-c", script.Replace(DefaultBase, baseUrl, StringComparison.Ordinal)], workingDirectory: data.Path);
        var exit = await curl.WaitForExitCodeAsync(TimeSpan.FromSeconds(120));

        exit.ShouldBe(0, curl.Output);
        curl.Output.ShouldContain("\"run_id\":\"story-1\"");
        curl.Output.ShouldContain("event: end");
        var result = curl.Output.TrimEnd().Split('\n')[^1];
        result.ShouldContain("\"status\":\"completed\"", customMessage: curl.Output);
        result.ShouldContain("\"phase\":\"outline\"");
        result.ShouldContain("\"shared_data\"");

        await serve.TerminateAsync();
        (await serve.WaitForExitCodeAsync(TimeSpan.FromSeconds(30))).ShouldBe(0, serve.Output);
        serve.Output.ShouldContain("Orchestrator API stopped.");
    }

    /// <summary>The shell code block right after the marker in docs/rest-api.md.</summary>
    internal static string ExampleScript() => DocPages.CodeBlockAfter("rest-api.md", Marker);

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex ListeningUrl();
}
