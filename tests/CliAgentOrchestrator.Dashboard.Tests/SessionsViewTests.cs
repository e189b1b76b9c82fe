using System.Net;
using CliAgentOrchestrator.Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CliAgentOrchestrator.Dashboard.Tests;

/// <summary>The sessions view: what the API created shows up, badges follow the event stream, and the page creates and deletes sessions.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class SessionsViewTests(Chromium chromium)
{
    [Fact]
    public async Task ShowsSessionsCreatedThroughTheApiAndTheirStatusBadgesChangeLive()
    {
        await using var server = await DashboardServer.StartAsync();
        var first = await server.CreateMockSessionAsync(DashboardServer.UniqueName("dash"));
        await using var browser = await chromium.OpenAsync(server);
        await browser.GotoAsync("#sessions");

        var firstBadge = browser.Page.Locator($"[data-terminal-status='{first}'] .badge");
        await Expect(firstBadge).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(idle|completed)$"));

        // A session created while the page is open appears without a reload (post_create_session).
        var second = await server.CreateMockSessionAsync(DashboardServer.UniqueName("dash"));
        await Expect(browser.Page.Locator($"tr[data-terminal-id='{second}']")).ToBeVisibleAsync();

        // The agent works for a few seconds: the badge turns processing, then back, with no reload.
        await server.PostAsync($"/terminals/{first}/input", body: new { message = "__mock_sleep_3" });
        await Expect(firstBadge).ToHaveTextAsync("processing");
        await browser.ScreenshotAsync("sessions-processing");
        await Expect(firstBadge).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(idle|completed)$"));
        await Expect(browser.Page.Locator("#announcer")).ToContainTextAsync(first);
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task CreatesASessionWithTheChosenProviderAndProfileAndDeletesIt()
    {
        await using var server = await DashboardServer.StartAsync();
        await using var browser = await chromium.OpenAsync(server);
        await browser.GotoAsync("#sessions");
        var page = browser.Page;
        var name = DashboardServer.UniqueName("made");

        var form = page.Locator("#create-session");
        await form.GetByLabel("Agent profile").SelectOptionAsync("reviewer");
        await form.GetByLabel("Provider").SelectOptionAsync("mock_cli");
        await form.GetByLabel("Session name").FillAsync(name);
        await form.GetByLabel("Working directory").FillAsync(server.Process.WorkDirectory);
        await browser.ScreenshotAsync("sessions-create-form");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create session" }).ClickAsync();

        var card = page.Locator("article.session", new() { HasText = name });
        await Expect(card).ToBeVisibleAsync();
        await Expect(card.GetByRole(AriaRole.Cell, new() { Name = "reviewer", Exact = true })).ToBeVisibleAsync();
        await Expect(card.GetByRole(AriaRole.Cell, new() { Name = "mock_cli", Exact = true })).ToBeVisibleAsync();
        var sessionName = await card.GetAttributeAsync("data-session");
        using (var shown = await server.Http.GetAsync($"/sessions/{sessionName}"))
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        await browser.ScreenshotAsync("sessions-created");

        await card.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Delete session") }).ClickAsync();
        await Expect(card).ToHaveCountAsync(0);
        await CliAgentOrchestrator.Tests.Support.Poll.UntilAsync(async () =>
        {
            using var gone = await server.Http.GetAsync($"/sessions/{sessionName}");
            return gone.StatusCode == HttpStatusCode.NotFound;
        }, "the session to be gone from the API");
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task ShowsTheServersErrorWhenCreationIsRefused()
    {
        await using var server = await DashboardServer.StartAsync();
        await using var browser = await chromium.OpenAsync(server);
        await browser.GotoAsync("#sessions");
        var form = browser.Page.Locator("#create-session");
        await form.GetByLabel("Provider").SelectOptionAsync("mock_cli");
        await form.GetByLabel("Working directory").FillAsync("/definitely/not/here");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create session" }).ClickAsync();

        await Expect(browser.Page.Locator("#create-error")).ToContainTextAsync("Could not create the session: 400");
    }
}
