using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Orchestrator.Dashboard.Tests;

/// <summary>A user's way through the dashboard of a keyless server: start short-story from its form, watch it, approve it, read it, purge it.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class RunFlowTests(DashboardFixture fixture)
{
    [Fact]
    public async Task StartForm_ShortStory_RunsLiveIsApprovedShowsDataAndArtifactsAndPurges()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.Keyless.BaseUrl + "/workflows");
        await page.Locator("#open-short-story").ClickAsync();
        await Expect(page.Locator("#input-premise")).ToHaveValueAsync(new Regex("lighthouse keeper"));
        await Expect(page.Locator("#config-genre")).ToHaveValueAsync("\"mystery\"");
        await page.Locator("#input-premise").FillAsync("A cartographer maps a coastline that moves every night.");
        await Screenshots.SaveAsync(page, "workflows-start-form");
        await page.Locator("#start").ClickAsync();

        await page.WaitForURLAsync(RunPage());
        var runId = Uri.UnescapeDataString(page.Url[(page.Url.LastIndexOf('/') + 1)..]);
        // The page is not reloaded from here on: what changes comes from the run's server-sent events.
        await page.EvaluateAsync("() => { window.__notReloaded = true; }");
        var premise = page.Locator(".lane[data-phase=premise]");
        await Expect(premise.Locator(".lane-state")).ToHaveTextAsync("succeeded");
        await Expect(page.Locator(".group.parallel .lane")).ToHaveCountAsync(2);
        await Expect(page.Locator(".lane[data-phase=outline] .lane-state")).ToHaveTextAsync("waiting for approval");
        await Expect(page.Locator(".lane[data-phase=draft] .lane-state")).ToHaveTextAsync("not started");
        await Screenshots.SaveAsync(page, "run-waiting-for-approval");

        await page.Locator("#approve-payload").FillAsync("""{"note": "ship it"}""");
        await page.Locator("#approve").ClickAsync();
        await Expect(page.Locator(".facts .badge")).ToHaveTextAsync("completed");
        foreach (var phase in (string[])["draft", "critique", "revise", "compile"])
        {
            await Expect(page.Locator($".lane[data-phase={phase}] .lane-state")).ToHaveTextAsync("succeeded");
        }

        (await page.EvaluateAsync<bool>("() => window.__notReloaded === true")).ShouldBeTrue("the run page reloaded instead of updating live");

        // Shared data: a tree whose nodes open by keyboard.
        var outputs = page.Locator("details[data-path='$/phase_outputs'] > summary");
        await outputs.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("details[data-path='$/phase_outputs/compile']")).ToBeVisibleAsync();

        // The manuscript, read on the page through the artifact route.
        await page.Locator(".artifacts li", new() { HasText = "manuscript.md" }).GetByRole(AriaRole.Button, new() { Name = "View" }).ClickAsync();
        await Expect(page.Locator("pre.artifact")).ToContainTextAsync("cartographer", new() { IgnoreCase = true });
        await Screenshots.SaveAsync(page, "run-completed");

        await page.Locator("#purge").ClickAsync();
        await page.Locator("#purge-confirm").ClickAsync();

        // The page goes back to the runs list in the browser (history API), not by loading a page: WaitForURLAsync, which
        // also waits for a load event, timed out now and then although the list was on screen at the right address.
        await Expect(page).ToHaveURLAsync(fixture.Keyless.BaseUrl + "/");
        await Expect(page.Locator("#page-title")).ToHaveTextAsync("Runs");

        using var client = fixture.Keyless.CreateClient();
        using var gone = await client.GetAsync($"/api/runs/{Uri.EscapeDataString(runId)}", TestContext.Current.CancellationToken);
        gone.StatusCode.ShouldBe(HttpStatusCode.NotFound, "the purged run is still there");
    }

    [Fact]
    public async Task StartForm_InvalidConfig_ShowsTheApiErrorsUnderTheFields()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.Keyless.BaseUrl + "/workflows");
        // By keyboard: focus the button and press Enter; the form's first field takes the focus.
        await page.Locator("#open-short-story").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#input-premise")).ToBeFocusedAsync();
        await page.Locator("#config-target_words").FillAsync("10");
        await page.Locator("#config-temperature").FillAsync("7");
        await page.Locator("#input-premise").FillAsync("   ");
        await page.Locator("#start").ClickAsync();

        await Expect(page.Locator("#config-target_words")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#config-target_words-error")).ToContainTextAsync("500");
        await Expect(page.Locator("#config-temperature-error")).ToContainTextAsync("2");
        await Expect(page.Locator("#input-premise-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#config-genre-error")).ToBeHiddenAsync();
        await Expect(page.Locator(".start-form .notice.error")).ToContainTextAsync("The run was not started");
        await Screenshots.SaveAsync(page, "workflows-invalid-config");
        page.Url.ShouldEndWith("/workflows", Case.Sensitive, "an invalid start left the form");
    }

    [GeneratedRegex(@"/runs/[^/]+$")]
    private static partial Regex RunPage();
}
