using Microsoft.Playwright;

namespace Orchestrator.Dashboard.Tests;

/// <summary>
/// Screenshots of the pages the tests see, saved with the test results: <c>.test-results/dashboard</c> at the
/// repository root (where <c>./build.sh test</c> writes its results), or ORCHESTRATOR_SCREENSHOTS when set.
/// </summary>
public static class Screenshots
{
    public static string Directory { get; } = System.IO.Directory.CreateDirectory(
        Environment.GetEnvironmentVariable("ORCHESTRATOR_SCREENSHOTS") is { Length: > 0 } chosen ? chosen : Path.Combine(RepoPaths.Root, ".test-results", "dashboard")).FullName;

    /// <summary>Saves the whole page as <c>NAME.png</c>; returns the file.</summary>
    public static async Task<string> SaveAsync(IPage page, string name)
    {
        var file = Path.Combine(Directory, name + ".png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        return file;
    }
}
