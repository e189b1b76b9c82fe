using CliAgentOrchestrator.Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CliAgentOrchestrator.Dashboard.Tests;

/// <summary>Keyboard only, visible focus, labelled controls, and a narrow window without sideways scrolling.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class AccessibilityTests(Chromium chromium)
{
    [Fact]
    public async Task EveryViewIsReachableWithTheKeyboardAloneWithVisibleFocus()
    {
        await using var server = await DashboardServer.StartAsync();
        var id = await server.CreateMockSessionAsync(DashboardServer.UniqueName("kbd"));
        await using var browser = await chromium.OpenAsync(server);
        await browser.GotoAsync();
        var page = browser.Page;

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
        foreach (var view in new[] { "Sessions", "Messages", "Plugins", "Events" })
        {
            var link = page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = view });
            await TabUntilFocusedAsync(page, link);
            Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToBeVisibleAsync();
            await Expect(link).ToHaveAttributeAsync("aria-current", "page");
            await Expect(page.Locator("#main")).ToBeFocusedAsync();
        }

        // From the sessions view to a live terminal and into control, keys only.
        await TabUntilFocusedAsync(page, page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Sessions" }));
        await page.Keyboard.PressAsync("Enter");
        await TabUntilFocusedAsync(page, page.GetByRole(AriaRole.Link, new() { Name = $"Open terminal {id}", Exact = false }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#terminal-screen .xterm-rows")).ToContainTextAsync("MockCli ready");
        await TabUntilFocusedAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Take control" }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Release control" })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Control+BracketRight");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Take control" })).ToBeFocusedAsync();

        // Every form control has a name a screen reader can say.
        await page.GotoAsync("/#sessions");
        var unnamed = await page.EvaluateAsync<int>("""
            () => [...document.querySelectorAll('input, select, button')].filter(e => e.offsetParent !== null)
              .filter(e => !(e.labels?.length || e.getAttribute('aria-label') || e.textContent.trim())).length
            """);
        Assert.Equal(0, unnamed);
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task ANarrowWindowShowsEveryViewWithoutSidewaysScrolling()
    {
        await using var server = await DashboardServer.StartAsync();
        await server.CreateMockSessionAsync(DashboardServer.UniqueName("narrow"));
        await using var browser = await chromium.OpenAsync(server, width: 375, height: 800);
        await browser.GotoAsync();
        foreach (var view in new[] { "sessions", "messages", "plugins", "events" })
        {
            await browser.Page.GotoAsync($"/#{view}");
            await Expect(browser.Page.Locator($"#view-{view}")).ToBeVisibleAsync();
            await Expect(browser.Page.Locator($"#view-{view} [aria-busy='true']")).ToHaveCountAsync(0);
            var overflow = await browser.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"#{view} is {overflow}px wider than a 375px window");
            await browser.ScreenshotAsync($"narrow-{view}");
        }
        Assert.Empty(browser.ConsoleErrors);
    }

    private static async Task TabUntilFocusedAsync(IPage page, ILocator target)
    {
        for (var i = 0; i < 60; i++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
                return;
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"Tab never reached {target}");
    }
}
