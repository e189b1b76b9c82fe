using System.Net;
using CliAgentOrchestrator.Dashboard.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace CliAgentOrchestrator.Dashboard.Tests;

/// <summary>The messages view: who sent what to whom, delivered and refused ones marked, the inboxes as stored.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class MessagesViewTests(Chromium chromium)
{
    [Fact]
    public async Task ShowsDeliveredAndRefusedMessagesBetweenTerminals()
    {
        await using var server = await DashboardServer.StartAsync();
        var supervisor = await server.CreateMockSessionAsync(DashboardServer.UniqueName("sup"));
        var worker = await server.CreateMockSessionAsync(DashboardServer.UniqueName("wrk"));

        // Before the page opens (from the event history) ...
        await server.PostAsync($"/terminals/{worker}/inbox/messages", body: new { sender_id = supervisor, message = "please review the diff", orchestration_type = "assign" });
        await using var browser = await chromium.OpenAsync(server);
        await browser.GotoAsync("#messages");
        var page = browser.Page;
        var delivered = page.Locator("#message-timeline li[data-outcome='delivered']");
        await Expect(delivered).ToBeVisibleAsync();
        await Expect(delivered).ToContainTextAsync(supervisor);
        await Expect(delivered).ToContainTextAsync(worker);
        await Expect(delivered).ToContainTextAsync("assign");

        // ... and live: a message the denier plugin refuses, sent straight to the terminal.
        await server.PostAsync($"/terminals/{supervisor}/input", HttpStatusCode.Forbidden, new { message = "this is forbidden", sender_id = worker, orchestration_type = "send_message" });
        var refused = page.Locator("#message-timeline li[data-outcome='refused']");
        await Expect(refused).ToContainTextAsync("refused by denier");
        await Expect(refused).ToContainTextAsync("message mentions 'forbidden'");
        // Queued events carry the inbox row's id: the timeline shows its text from GET /messages
        // (the event stream leaves bodies out by default).
        await Expect(page.Locator("#message-timeline li[data-outcome='queued']")).ToContainTextAsync("please review the diff");

        var edge = page.Locator($"#message-graph li[data-from='{supervisor}'][data-to='{worker}']");
        await Expect(edge).ToContainTextAsync("1 delivered");
        await Expect(page.Locator($"#message-graph li[data-from='{worker}'][data-to='{supervisor}']")).ToContainTextAsync("1 refused");

        var row = page.Locator("#message-inbox tbody tr", new() { HasTextString = "please review the diff" });
        await Expect(row.Locator(".badge")).ToHaveTextAsync("delivered");
        await browser.ScreenshotAsync("messages");
        Assert.DoesNotContain(browser.ConsoleErrors, e => !e.Contains("403", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MarksAMessageThatFailedBecauseItsReceiverWentAway()
    {
        await using var server = await DashboardServer.StartAsync();
        var sender = await server.CreateMockSessionAsync(DashboardServer.UniqueName("snd"));
        var receiverName = DashboardServer.UniqueName("rcv");
        var receiver = await server.CreateMockSessionAsync(receiverName);
        await using var browser = await chromium.OpenAsync(server);
        await browser.GotoAsync("#messages");

        // The receiver is busy, so the message waits in its inbox; then its window disappears.
        await server.PostAsync($"/terminals/{receiver}/input", body: new { message = "__mock_sleep_120" });
        await server.WaitForStatusAsync(receiver, "processing");
        await server.PostAsync($"/terminals/{receiver}/inbox/messages", body: new { sender_id = sender, message = "this one never arrives" });
        var terminal = System.Text.Json.Nodes.JsonNode.Parse(await server.Http.GetStringAsync($"/terminals/{receiver}"))!;
        await server.Process.Tmux.KillWindowAsync(new Core.Tmux.TmuxTarget(terminal["session_name"]!.GetValue<string>(), terminal["name"]!.GetValue<string>()));

        var failed = browser.Page.Locator("#message-timeline li[data-outcome='failed']");
        await Expect(failed).ToContainTextAsync("this one never arrives");
        await Expect(failed).ToContainTextAsync($"receiver terminal {receiver} is out of service");
        await Expect(browser.Page.Locator($"#message-graph li[data-from='{sender}'][data-to='{receiver}']")).ToContainTextAsync("1 failed");
        await Expect(browser.Page.Locator("#message-inbox tbody tr", new() { HasTextString = "this one never arrives" }).Locator(".badge")).ToHaveTextAsync("failed");
        await browser.ScreenshotAsync("messages-failed");
    }
}
