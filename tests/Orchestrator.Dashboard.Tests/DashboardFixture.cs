using Microsoft.Playwright;

namespace Orchestrator.Dashboard.Tests;

/// <summary>
/// What the dashboard tests share: a keyless <c>orchestrator serve</c> (the default), one that requires an API key,
/// and one headless Chromium that Playwright drives. Each test opens its own browser context (fresh session storage).
/// Every process is stopped in teardown, whatever the tests did.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    /// <summary>How long any wait on a page may take before the test fails naming what did not appear.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private IPlaywright? _playwright;

    public ServeProcess Keyless { get; private set; } = null!;

    public ServeProcess Keyed { get; private set; } = null!;

    public ChromiumProcess Chromium { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var keyless = ServeProcess.StartAsync(apiKey: null);
        var keyed = ServeProcess.StartAsync("dashboard-key-" + Guid.NewGuid().ToString("N"));
        var chromium = ChromiumProcess.StartAsync();
        Keyless = await keyless;
        Keyed = await keyed;
        Chromium = await chromium;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.ConnectOverCDPAsync(Chromium.Endpoint, new() { Timeout = (float)Deadline.TotalMilliseconds });
        Assertions.SetDefaultExpectTimeout((float)Deadline.TotalMilliseconds);
    }

    /// <summary>A new browser context (its own session storage) and page, 1280 px wide unless told otherwise.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, ColorScheme scheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, ColorScheme = scheme });
        context.SetDefaultTimeout((float)Deadline.TotalMilliseconds);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        foreach (var process in new IAsyncDisposable?[] { Chromium, Keyless, Keyed })
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }
    }
}
