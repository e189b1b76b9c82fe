using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Events;

/// <summary>
/// The built-in webhook sink through a real <c>cao server</c> process, posting to loopback receivers
/// that check Standard Webhooks signatures themselves and answer 429 and 500 before accepting.
/// </summary>
public sealed class WebhookServerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly string Secret = "whsec_" + Convert.ToBase64String(Key);

    [Fact]
    public async Task EventsArriveSignedAsCloudEventsInOrderAfterRetriesAndFilteredPerReceiver()
    {
        await using var all = await LoopbackReceiver.StartAsync();
        await using var statusOnly = await LoopbackReceiver.StartAsync();
        var attempts = 0;
        all.Answer = _ => Interlocked.Increment(ref attempts) switch { 1 => 429, 2 => 500, _ => 200 };
        await using var server = new CaoServerProcess();
        WriteSettings(server, new JsonArray
        {
            new JsonObject { ["url"] = all.Url("/hooks/all"), ["secret"] = Secret },
            new JsonObject { ["url"] = statusOnly.Url("/hooks/status"), ["secret"] = Secret, ["events"] = new JsonArray("post_terminal_status_change") },
        });
        await server.StartAsync();

        var terminal = await EventStreamServerTests.CreateMockSessionAsync(server);
        await EventStreamServerTests.WaitForStatusAsync(server, terminal, "idle", "completed");
        // The history is written by its own plugin's queue, which may trail the status the API reports.
        var published = new List<JsonObject>();
        await Poll.UntilAsync(async () =>
        {
            published = [.. await EventStreamServerTests.HistoryAsync(server, "post_create_terminal,post_create_session,post_terminal_status_change")];
            var types = published.Select(e => e["event_type"]!.GetValue<string>()).ToHashSet();
            return types.SetEquals(["post_create_terminal", "post_create_session", "post_terminal_status_change"]);
        }, "the session's events in the history", Wait);
        var expectedIds = published.Select(e => e["event_id"]!.GetValue<string>()).ToList();
        await Poll.UntilAsync(() => Delivered(all).Count >= expectedIds.Count, "every event accepted by the first receiver", Wait);

        // Every post is signed over id.timestamp.body with the shared secret (checked here independently).
        Assert.All(all.Requests.Concat(statusOnly.Requests), request => Assert.True(SignatureValid(request), $"bad signature on {request.Headers["webhook-id"]}"));
        // The first event was answered 429 then 500 and sent again with the same id; order kept.
        var first = all.Requests.Take(3).Select(r => r.Headers["webhook-id"]).ToList();
        Assert.Single(first.Distinct());
        Assert.Equal(expectedIds, Delivered(all).Select(r => r.Headers["webhook-id"]).Take(expectedIds.Count));

        var envelope = JsonNode.Parse(Delivered(all)[0].Text)!.AsObject();
        Assert.Equal("1.0", envelope["specversion"]!.GetValue<string>());
        Assert.Equal(expectedIds[0], envelope["id"]!.GetValue<string>());
        Assert.Equal("cao." + published[0]["event_type"]!.GetValue<string>(), envelope["type"]!.GetValue<string>());
        Assert.StartsWith("urn:cao:", envelope["source"]!.GetValue<string>());
        Assert.Equal(published[0]["event_id"]!.GetValue<string>(), envelope["data"]!["event_id"]!.GetValue<string>());
        Assert.StartsWith("application/cloudevents+json", Delivered(all)[0].Headers["content-type"]);

        // The filtered receiver got only status changes, all of them, in order.
        var statusIds = published.Where(e => e["event_type"]!.GetValue<string>() == "post_terminal_status_change").Select(e => e["event_id"]!.GetValue<string>()).ToList();
        await Poll.UntilAsync(() => statusOnly.Requests.Count >= statusIds.Count, "the status receiver", Wait);
        Assert.Equal(statusIds, statusOnly.Requests.Select(r => r.Headers["webhook-id"]).Take(statusIds.Count));
        Assert.All(statusOnly.Requests, r => Assert.Equal("cao.post_terminal_status_change", JsonNode.Parse(r.Text)!["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AReceiverThatKeepsAnswering404IsDisabledWithOneClearLogLine()
    {
        await using var gone = await LoopbackReceiver.StartAsync();
        gone.Answer = _ => 404;
        await using var server = new CaoServerProcess();
        WriteSettings(server, new JsonArray { new JsonObject { ["url"] = gone.Url("/missing"), ["secret"] = Secret } }, ("disable_after", "2"));
        await server.StartAsync();

        await EventStreamServerTests.CreateMockSessionAsync(server);
        await Poll.UntilAsync(() => ServerLogFiles.ReadAll(server.Home).Contains("disabled: it answered 404"), "the disabling log line", Wait);
        var received = gone.Requests.Count;
        Assert.Equal(2, received); // 404 is not retried; after two in a row nothing more is sent
        var line = ServerLogFiles.ReadAll(server.Home).Split('\n').Single(l => l.Contains("disabled: it answered 404", StringComparison.Ordinal));
        Assert.Contains(gone.Url("/missing"), line);
        Assert.Contains("404", line);
        Assert.Contains("to 2 events in a row. Check the url and secret in plugins.webhook of settings.json, then restart cao-server", line);
        await EventStreamServerTests.CreateMockSessionAsync(server);
        await Poll.UntilAsync(async () => (await EventStreamServerTests.HistoryAsync(server, "post_create_terminal")).Count == 2, "the second terminal", Wait);
        Assert.Equal(received, gone.Requests.Count);
    }

    [Fact]
    public async Task ABadSecretFailsThePluginWithTheReasonAndTheServerRuns()
    {
        await using var server = new CaoServerProcess();
        WriteSettings(server, new JsonArray { new JsonObject { ["url"] = "http://127.0.0.1:9/x", ["secret"] = "not-a-secret" } });
        await server.StartAsync();

        var plugin = await EventStreamServerTests.GetAsync(server, "/plugins/webhook");
        Assert.Equal("failed", plugin["status"]!.GetValue<string>());
        Assert.Contains("plugins.webhook.endpoints[0].secret must start with 'whsec_'", plugin["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task WithoutSettingsTheWebhookPluginIsOff()
    {
        await using var server = new CaoServerProcess();
        await server.StartAsync();

        Assert.Equal("disabled", (await EventStreamServerTests.GetAsync(server, "/plugins/webhook"))["status"]!.GetValue<string>());
        Assert.Equal("loaded", (await EventStreamServerTests.GetAsync(server, "/plugins/events"))["status"]!.GetValue<string>());
    }

    private static List<ReceivedRequest> Delivered(LoopbackReceiver receiver)
    {
        // The receiver answered in arrival order; keep the requests it accepted.
        var attempt = 0;
        return receiver.Requests.Where(_ => ++attempt > 2).ToList();
    }

    private static void WriteSettings(CaoServerProcess server, JsonArray endpoints, params (string Key, string Value)[] extra)
    {
        var webhook = new JsonObject { ["endpoints"] = endpoints, ["retry_delay_ms"] = "50" };
        foreach (var (key, value) in extra)
            webhook[key] = value;
        File.WriteAllText(server.Home.SettingsFile, new JsonObject { ["plugins"] = new JsonObject { ["webhook"] = webhook } }.ToJsonString());
    }

    // Standard Webhooks: v1,base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}")).
    private static bool SignatureValid(ReceivedRequest request)
    {
        var signed = Encoding.UTF8.GetBytes($"{request.Headers["webhook-id"]}.{request.Headers["webhook-timestamp"]}.").Concat(request.Body).ToArray();
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(Key, signed));
        var age = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(request.Headers["webhook-timestamp"], System.Globalization.CultureInfo.InvariantCulture);
        return request.Headers["webhook-signature"].Split(' ').Contains(expected) && Math.Abs(age) < 300;
    }
}
