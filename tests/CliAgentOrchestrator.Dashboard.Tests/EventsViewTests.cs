using CliAgentOrchestrator.Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CliAgentOrchestrator.Dashboard.Tests;

/// <summary>The events view: the live stream, filtered by type and by text.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class EventsViewTests(Chromium chromium)
{
    [Fact]
    public async Task ShowsEventsLiveAndFiltersThem()
    {
        await using var server = await DashboardServer.StartAsync();
        var first = await server.CreateMockSessionAsync(DashboardServer.UniqueName("evt"));
        await using var browser = await chromium.OpenAsync(server);
        await browser.GotoAsync("#events");
        var page = browser.Page;
        var list = page.Locator("#events-list");

        await Expect(list.Locator("li[data-type='post_create_terminal']", new() { HasTextString = first })).ToBeVisibleAsync();
        var second = await server.CreateMockSessionAsync(DashboardServer.UniqueName("evt"));
        await Expect(list.Locator("li[data-type='post_create_terminal']", new() { HasTextString = second })).ToBeVisibleAsync();

        await page.GetByLabel("Event type").SelectOptionAsync("post_terminal_status_change");
        await Expect(list.Locator("li[data-type='post_terminal_status_change']").First).ToBeVisibleAsync();
        await Expect(list.Locator("li:not([data-type='post_terminal_status_change'])")).ToHaveCountAsync(0);

        await page.GetByLabel("Contains").FillAsync(second);
        await Expect(list.Locator("li").First).ToContainTextAsync(second);
        foreach (var text in await list.Locator("li summary").AllInnerTextsAsync())
            Assert.Contains(second, text);
        await Expect(list.Locator("li", new() { HasTextString = first })).ToHaveCountAsync(0);

        // An event's JSON opens from its row.
        await list.Locator("li summary").First.ClickAsync();
        await Expect(list.Locator("li pre").First).ToContainTextAsync("\"event_type\": \"post_terminal_status_change\"");
        await browser.ScreenshotAsync("events-filtered");
        Assert.Empty(browser.ConsoleErrors);
    }
}
