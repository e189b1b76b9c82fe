using System.Net;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Dashboard;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Dashboard;

/// <summary>The routes the dashboard added: its files, GET /messages and plugin enable/disable, against the real server.</summary>
public sealed class DashboardRoutesTests
{
    [Fact]
    public async Task ServesThePageAndItsFilesFromTheAssemblyWithASameOriginPolicy()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);

        using var page = await server.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("/dashboard/app.js", await page.Content.ReadAsStringAsync());

        // Every script the page loads, and the vendored xterm.js with its license, come from this server.
        foreach (var file in new[] { "app.js", "sessions.js", "terminal.js", "messages.js", "plugins.js", "events.js", "app.css", "vendor/xterm/xterm.mjs", "vendor/xterm/xterm.css", "vendor/xterm/LICENSE.txt" })
        {
            using var response = await server.Http.GetAsync("/dashboard/" + file);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"/dashboard/{file}: {(int)response.StatusCode}");
        }
        Assert.DoesNotContain(new DashboardAssets().Paths, p => p.EndsWith(".map", StringComparison.Ordinal));

        // A cached copy is revalidated by its ETag.
        var etag = page.Headers.ETag!.Tag;
        using var again = new HttpRequestMessage(HttpMethod.Get, "/");
        again.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var notModified = await server.Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        Assert.Contains("No dashboard file", (string)(await server.GetJsonAsync("/dashboard/nope.js", HttpStatusCode.NotFound))["detail"]!);
        // The Host guard covers the page like the API (DNS rebinding).
        var (status, _) = await server.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "evil.example" } });
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task ListsTheMessagesOfEveryInboxNewestFirst()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        var a = (string)(await server.CreateMockSessionAsync())["id"]!;
        var b = (string)(await server.CreateMockSessionAsync())["id"]!;
        await server.PostJsonAsync($"/terminals/{a}/inbox/messages", new { sender_id = b, message = "first" });
        await server.PostJsonAsync($"/terminals/{b}/inbox/messages", new { sender_id = a, message = "second", orchestration_type = "handoff" });

        var all = (await server.GetJsonAsync("/messages")).AsArray();
        Assert.Equal(["second", "first"], all.Select(m => (string)m!["message"]!));
        Assert.Equal((a, b, "handoff"), ((string)all[0]!["sender_id"]!, (string)all[0]!["receiver_id"]!, (string)all[0]!["orchestration_type"]!));
        Assert.Single((await server.GetJsonAsync("/messages?limit=1")).AsArray());

        Assert.Contains("limit must be between 1 and 1000", (string)(await server.GetJsonAsync("/messages?limit=0", HttpStatusCode.UnprocessableEntity))["detail"]!);
        Assert.Contains("use one of", (string)(await server.GetJsonAsync("/messages?status=lost", HttpStatusCode.BadRequest))["detail"]!);
    }

    [Fact]
    public async Task EnableAndDisableWriteSettingsAndSayARestartAppliesThem()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: true);

        var disabled = await server.PostJsonAsync("/plugins/recorder/disable");
        Assert.Equal((false, true), (disabled["enabled"]!.GetValue<bool>(), disabled["restart_required"]!.GetValue<bool>()));
        Assert.False(JsonNode.Parse(File.ReadAllText(server.Home.SettingsFile))!["plugins"]!["recorder"]!["enabled"]!.GetValue<bool>());
        // Still running until the restart.
        Assert.Equal("loaded", (string)(await server.GetJsonAsync("/plugins/recorder"))["status"]!);

        var enabled = await server.PostJsonAsync("/plugins/recorder/enable");
        Assert.Equal((true, false), (enabled["enabled"]!.GetValue<bool>(), enabled["restart_required"]!.GetValue<bool>()));

        Assert.True(JsonNode.Parse(File.ReadAllText(server.Home.SettingsFile))!["plugins"]!["recorder"]!["enabled"]!.GetValue<bool>());

        Assert.Contains("No plugin named 'nope'", (string)(await server.PostJsonAsync("/plugins/nope/disable", expected: HttpStatusCode.NotFound))["detail"]!);
    }
}
