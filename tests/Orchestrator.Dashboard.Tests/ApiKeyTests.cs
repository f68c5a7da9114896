using System.Net;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Orchestrator.Dashboard.Tests;

/// <summary>The dashboard of a server with API keys: it asks for the key, keeps it for the tab's session, and shows nothing without it.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ApiKeyTests(DashboardFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pages_WrongKey_AskAgainAndShowNothing()
    {
        var runId = await fixture.Keyed.StartShortStoryAsync(_ct);
        var page = await fixture.NewPageAsync();
        var answers = new List<(string Url, int Status)>();
        page.Response += (_, response) =>
        {
            if (response.Url.Contains("/api/", StringComparison.Ordinal))
            {
                lock (answers)
                {
                    answers.Add((response.Url, response.Status));
                }
            }
        };
        await page.GotoAsync(fixture.Keyed.BaseUrl + "/");
        var dialog = page.Locator("#key-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(page.Locator("#key-message")).ToHaveTextAsync("This server requires an API key.");
        await Screenshots.SaveAsync(page, "key-prompt");

        await page.Locator("#key-input").FillAsync("not-the-key");
        await page.Locator("#key-input").PressAsync("Enter");
        await Expect(page.Locator("#key-message")).ToContainTextAsync("not accepted");
        await Expect(dialog).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("main .notice.error")).ToBeVisibleAsync();

        await Expect(page.Locator("table.runs")).ToHaveCountAsync(0);
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain(runId);
        lock (answers)
        {
            answers.ShouldNotBeEmpty();
            answers.ShouldAllBe(a => a.Status == 401, string.Join(", ", answers));
        }

        (await page.EvaluateAsync<string?>("() => sessionStorage.getItem('orchestrator.apiKey')")).ShouldBeNull("a refused key was kept");
    }

    [Fact]
    public async Task Pages_RightKey_AskedOnceKeptForTheSessionOnly()
    {
        var runId = await fixture.Keyed.StartShortStoryAsync(_ct);
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.Keyed.BaseUrl + "/");
        await page.Locator("#key-input").FillAsync(fixture.Keyed.ApiKey!);
        await page.Locator("#key-dialog button[value=use]").ClickAsync();
        await Expect(page.Locator($"tr[data-run='{runId}']")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Plugins", Exact = true }).ClickAsync();
        await Expect(page.Locator("main table a", new() { HasText = "fiction" })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.Locator("main table a", new() { HasText = "fiction" })).ToBeVisibleAsync();
        await Expect(page.Locator("#key-dialog")).ToBeHiddenAsync();
        (await page.EvaluateAsync<string?>("() => sessionStorage.getItem('orchestrator.apiKey')")).ShouldBe(fixture.Keyed.ApiKey);
        (await page.EvaluateAsync<int>("() => localStorage.length")).ShouldBe(0, "the key must not outlive the session");

        // Another session (a new browser context) is asked again.
        var other = await fixture.NewPageAsync();
        await other.GotoAsync($"{fixture.Keyed.BaseUrl}/runs/{runId}");
        await Expect(other.Locator("#key-dialog")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task PagesAndAssets_WithoutKey_HoldNoDataWhileTheApiRefuses()
    {
        var runId = await fixture.Keyed.StartShortStoryAsync(_ct);
        using var anonymous = new HttpClient { BaseAddress = new Uri(fixture.Keyed.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        foreach (var path in (string[])["/", $"/runs/{runId}", "/plugins", "/plugins/fiction", "/workflows", "/dashboard/app.js", "/dashboard/pages/run.js", "/dashboard/app.css"])
        {
            using var response = await anonymous.GetAsync(path, _ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            var body = await response.Content.ReadAsStringAsync(_ct);
            body.ShouldNotContain(runId, Case.Sensitive, path);
            body.ShouldNotContain("lighthouse", Case.Insensitive, path);
        }

        foreach (var path in (string[])["/api/runs", $"/api/runs/{runId}", $"/api/runs/{runId}/events", $"/api/runs/{runId}/artifacts/manuscript.md", "/api/workflows/short-story", "/api/plugins"])
        {
            using var response = await anonymous.GetAsync(path, _ct);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, path);
        }
    }
}
