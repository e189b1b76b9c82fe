using System.Text.Json.Nodes;
using CliAgentOrchestrator.Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CliAgentOrchestrator.Dashboard.Tests;

/// <summary>The plugins view: status, hooks, counters; disabling one writes settings.json and says a restart applies it.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class PluginsViewTests(Chromium chromium)
{
    [Fact]
    public async Task ShowsEachPluginWithItsHooksAndCountersAndDisablesOne()
    {
        await using var server = await DashboardServer.StartAsync();
        await server.CreateMockSessionAsync(DashboardServer.UniqueName("plg"));
        await using var browser = await chromium.OpenAsync(server);
        await browser.GotoAsync("#plugins");
        var page = browser.Page;

        var events = page.Locator("article.plugin[data-plugin='events']");
        await Expect(events.Locator(".badge")).ToHaveTextAsync("loaded");
        await Expect(events.Locator("[data-fact='delivered'] dd")).Not.ToHaveTextAsync("0"); // it saw the session start
        var denier = page.Locator("article.plugin[data-plugin='denier']");
        await Expect(denier.Locator(".badge")).ToHaveTextAsync("loaded");
        await denier.GetByText("Pre-hooks (1)").ClickAsync();
        await Expect(denier.Locator(".hooks")).ToContainTextAsync("pre_send_message");
        await browser.ScreenshotAsync("plugins");

        await denier.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Expect(denier.Locator(".note")).ToHaveTextAsync("Disabled in settings.json; restart the server to apply.");
        await Expect(denier.GetByRole(AriaRole.Button, new() { Name = "Enable" })).ToBeVisibleAsync();
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(server.Process.Home.SettingsFile))!;
        Assert.False(settings["plugins"]!["denier"]!["enabled"]!.GetValue<bool>());

        await denier.GetByRole(AriaRole.Button, new() { Name = "Enable" }).ClickAsync();
        await Expect(denier.Locator(".note")).ToHaveCountAsync(0);
        settings = JsonNode.Parse(await File.ReadAllTextAsync(server.Process.Home.SettingsFile))!;
        Assert.True(settings["plugins"]!["denier"]!["enabled"]!.GetValue<bool>());
        Assert.Empty(browser.ConsoleErrors);
    }
}
