using System.Net;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Orchestrator.Dashboard.Tests;

/// <summary>
/// Every page of the keyless server's dashboard at 1280 px, at phone width and in the dark theme, with what each shows;
/// the screenshots are saved with the test results.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class PageTests(DashboardFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public static TheoryData<string, int, int, bool> Layouts => new()
    {
        { "desktop", 1280, 900, false },
        { "phone", 390, 844, false },
        { "dark", 1280, 900, true },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task EveryPage_Layout_ReadableWithoutSidewaysScrolling(string layout, int width, int height, bool dark)
    {
        var runId = await fixture.Keyless.CompletedShortStoryAsync(_ct);
        var page = await fixture.NewPageAsync(width, height, dark ? ColorScheme.Dark : ColorScheme.Light);
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        var pages = new (string Name, string Path, string Shows)[]
        {
            ("runs", "/", $"tr[data-run='{runId}']"),
            ("run", $"/runs/{runId}", ".lane[data-phase=compile]"),
            ("plugins", "/plugins", ".discovery-problem"),
            ("plugin", "/plugins/fiction", "section[aria-labelledby=phases-title] table"),
            ("workflows", "/workflows", "li.card[data-workflow=short-story]"),
        };
        foreach (var (name, path, shows) in pages)
        {
            await page.GotoAsync(fixture.Keyless.BaseUrl + path);
            await Expect(page.Locator(shows).First).ToBeVisibleAsync();
            await Expect(page.Locator("h1")).ToBeFocusedAsync();
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            overflow.ShouldBeLessThanOrEqualTo(0, $"{path} scrolls sideways at {width} px");
            await Screenshots.SaveAsync(page, $"{name}-{layout}");
        }

        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        background.ShouldBe(dark ? "rgb(15, 18, 22)" : "rgb(247, 248, 250)", "the theme does not follow the system's color scheme");
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Plugins_DomainFilterProblemsAndReload()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.Keyless.BaseUrl + "/plugins");
        await Expect(page.Locator(".discovery-problem", new() { HasText = "broken" })).ToContainTextAsync($"plugin.yaml:{ServeProcess.BrokenManifestLine}");
        await page.Locator("#domain").SelectOptionAsync("fiction");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.WaitForURLAsync(fixture.Keyless.BaseUrl + "/plugins?domain=fiction");
        // The loaded fiction (a link), and the copies it shadows; no plugin of another domain.
        await Expect(page.Locator("main table tbody tr:has(a)")).ToHaveCountAsync(1);
        await Expect(page.Locator("main table tbody tr:has(a)")).ToContainTextAsync("fiction");
        (await page.Locator("main table tbody tr").AllInnerTextsAsync()).ShouldAllBe(row => row.Contains("fiction", StringComparison.Ordinal));

        await page.Locator("#reload").ClickAsync();
        await Expect(page.Locator(".notice")).ToContainTextAsync("Reloaded:");

        await page.Locator("main table a", new() { HasText = "fiction" }).ClickAsync();
        await page.WaitForURLAsync(fixture.Keyless.BaseUrl + "/plugins/fiction");
        await Expect(page.Locator("section[aria-labelledby=phases-title] tbody tr")).ToHaveCountAsync(8);
        await Expect(page.Locator("section[aria-labelledby=config-title]")).ToContainTextAsync("target_words");
    }

    [Fact]
    public async Task Runs_FilterAndSearch_NarrowTheList()
    {
        var runId = await fixture.Keyless.CompletedShortStoryAsync(_ct);
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.Keyless.BaseUrl + "/");
        await Expect(page.Locator($"tr[data-run='{runId}']")).ToBeVisibleAsync();

        await page.Locator("#filter-status").SelectOptionAsync("failed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.WaitForURLAsync(fixture.Keyless.BaseUrl + "/?status=failed");
        await Expect(page.Locator($"tr[data-run='{runId}']")).ToHaveCountAsync(0);

        await page.GotoAsync(fixture.Keyless.BaseUrl + "/?status=completed&target=workflow:short-story");
        await Expect(page.Locator($"tr[data-run='{runId}']")).ToContainTextAsync("workflow short-story");

        // A whole id opens the run; a part of one filters the page.
        await page.GotoAsync(fixture.Keyless.BaseUrl + "/");
        await page.Locator("#filter-id").FillAsync(runId);
        await page.Locator("#filter-id").PressAsync("Enter");
        await page.WaitForURLAsync($"{fixture.Keyless.BaseUrl}/runs/{runId}");
        await page.GotoAsync($"{fixture.Keyless.BaseUrl}/?id={runId[^8..]}");
        await Expect(page.Locator("table.runs tbody tr")).ToHaveCountAsync(1);
    }
}
