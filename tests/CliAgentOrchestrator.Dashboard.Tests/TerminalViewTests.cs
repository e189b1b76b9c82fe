using System.Net;
using System.Net.WebSockets;
using CliAgentOrchestrator.Dashboard.Tests.Support;
using CliAgentOrchestrator.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CliAgentOrchestrator.Dashboard.Tests;

/// <summary>The live terminal: xterm.js shows the pane as it changes; keys reach the agent only after "Take control".</summary>
[Collection(ChromiumCollection.Name)]
public sealed class TerminalViewTests(Chromium chromium)
{
    [Fact]
    public async Task ShowsThePaneLiveAndTypesOnlyAfterTakingControl()
    {
        await using var server = await DashboardServer.StartAsync();
        var id = await server.CreateMockSessionAsync(DashboardServer.UniqueName("term"));
        await using var browser = await chromium.OpenAsync(server);
        await browser.GotoAsync($"#terminal/{id}");
        var page = browser.Page;
        var rows = page.Locator("#terminal-screen .xterm-rows");

        await Expect(rows).ToContainTextAsync("MockCli ready");
        await Expect(page.Locator("#terminal-state")).ToHaveTextAsync("live, read-only");

        // What another agent sends appears in the view as the pane changes.
        await server.PostAsync($"/terminals/{id}/input", body: new { message = "hello-from-the-api" });
        await Expect(rows).ToContainTextAsync("MOCK: hello-from-the-api");

        // Read-only: typing into the view reaches nothing, and the server refuses keys sent anyway.
        await page.Locator("#terminal-screen").ClickAsync();
        await page.Keyboard.TypeAsync("ignored-keys");
        await page.Keyboard.PressAsync("Enter");

        var control = page.GetByRole(AriaRole.Button, new() { Name = "Take control" });
        await control.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Release control" })).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Keyboard.TypeAsync("typed-in-the-browser");
        await page.Keyboard.PressAsync("Enter");
        await Expect(rows).ToContainTextAsync("MOCK: typed-in-the-browser");
        await Poll.UntilAsync(async () => (await server.OutputAsync(id)).Contains("MOCK: typed-in-the-browser", StringComparison.Ordinal), "the typed line in the pane");
        await browser.ScreenshotAsync("terminal-in-control");

        // Keys go over the one socket in order: had the read-only ones been sent, they would be there by now.
        Assert.DoesNotContain("ignored-keys", await server.OutputAsync(id));

        // Ctrl+] gives control back and puts focus on the button.
        await page.Keyboard.PressAsync("Control+BracketRight");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Take control" })).ToBeFocusedAsync();
        Assert.Empty(browser.ConsoleErrors);
    }

    [Fact]
    public async Task TheAttachSocketRefusesOtherOriginsAndRequestsWithoutOrigin()
    {
        await using var server = await DashboardServer.StartAsync();
        var id = await server.CreateMockSessionAsync(DashboardServer.UniqueName("guard"));
        var url = new Uri($"ws://127.0.0.1:{server.Process.Port}/terminals/{id}/attach");

        Assert.Equal(HttpStatusCode.Forbidden, await HandshakeAsync(url, origin: "http://evil.example"));
        Assert.Equal(HttpStatusCode.Forbidden, await HandshakeAsync(url, origin: $"http://localhost:{server.Process.Port + 1}"));
        Assert.Equal(HttpStatusCode.Forbidden, await HandshakeAsync(url, origin: null));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await HandshakeAsync(url, origin: $"http://127.0.0.1:{server.Process.Port}"));
        Assert.Equal(HttpStatusCode.NotFound, await HandshakeAsync(new Uri($"ws://127.0.0.1:{server.Process.Port}/terminals/deadbeef/attach"), origin: $"http://127.0.0.1:{server.Process.Port}"));

        // Not a WebSocket: a 400 that says what the route is.
        using var plain = await server.Http.GetAsync($"/terminals/{id}/attach");
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Contains("WebSocket", await plain.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task KeysBeforeTakingControlAreRefusedOnTheSocket()
    {
        await using var server = await DashboardServer.StartAsync();
        var id = await server.CreateMockSessionAsync(DashboardServer.UniqueName("keys"));
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", $"http://127.0.0.1:{server.Process.Port}");
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Process.Port}/terminals/{id}/attach"), CancellationToken.None);

        var screen = await ReceiveUntilAsync(socket, "\"type\":\"screen\"");
        Assert.Contains("MockCli ready", screen);
        await SendAsync(socket, """{"type":"keys","data":"sneaky\r"}""");
        Assert.Contains("take control first", await ReceiveUntilAsync(socket, "\"type\":\"error\""));

        await SendAsync(socket, """{"type":"control","on":true}""");
        await ReceiveUntilAsync(socket, "\"on\":true");
        await SendAsync(socket, """{"type":"keys","data":"allowed\r"}""");
        await Poll.UntilAsync(async () => (await server.OutputAsync(id)).Contains("MOCK: allowed", StringComparison.Ordinal), "the allowed keys typed");
        Assert.DoesNotContain("sneaky", await server.OutputAsync(id));
    }

    private static async Task<HttpStatusCode> HandshakeAsync(Uri url, string? origin)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (origin is not null)
            socket.Options.SetRequestHeader("Origin", origin);
        try
        {
            await socket.ConnectAsync(url, CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }
        return socket.HttpStatusCode;
    }

    private static Task SendAsync(ClientWebSocket socket, string json) =>
        socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<string> ReceiveUntilAsync(ClientWebSocket socket, string marker)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[256 * 1024];
        while (true)
        {
            var text = new System.Text.StringBuilder();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, deadline.Token);
                text.Append(System.Text.Encoding.UTF8.GetString(buffer, 0, result.Count));
            }
            while (!result.EndOfMessage);
            if (text.ToString().Contains(marker, StringComparison.Ordinal))
                return text.ToString();
        }
    }
}
