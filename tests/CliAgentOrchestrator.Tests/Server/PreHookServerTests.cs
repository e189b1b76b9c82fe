using System.Net;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Server;

/// <summary>Refusals and rewrites by real pre-hook plugins, seen over HTTP, in the inbox and by observers.</summary>
public sealed class PreHookServerTests
{
    [Fact]
    public async Task DeniedOperationsDoNotHappenAndSaySoToTheCaller()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: true, "Cao.TestPlugins.Gatekeeper");
        var receiver = await server.CreateMockSessionAsync();
        var receiverId = receiver["id"]!.GetValue<string>();
        var session = receiver["session_name"]!.GetValue<string>();
        await server.WaitForStatusAsync(receiverId, "idle", "completed");

        // Creating a terminal with a forbidden profile: 403 naming the plugin, no window, no event.
        var refusedCreate = await server.PostJsonAsync(
            $"/sessions/{session}/terminals?agent_profile=forbidden_profile&provider=mock_cli&working_directory={Uri.EscapeDataString(server.WorkDirectory)}",
            expected: HttpStatusCode.Forbidden);
        Assert.Equal("Refused by plugin 'terminal_guard': profile forbidden_profile is not allowed in " + session + " (profile_blocked)", Text(refusedCreate, "detail"));
        Assert.Equal(("terminal_guard", "profile_blocked"), (Text(refusedCreate, "plugin"), Text(refusedCreate, "code")));
        Assert.Single((await server.GetJsonAsync($"/sessions/{session}/terminals")).AsArray());

        // Direct input with a sender: 403, nothing typed, a post_send_message_denied for observers.
        var refusedInput = await server.PostJsonAsync(
            $"/terminals/{receiverId}/input?message=forbidden%20words&sender_id=aaaa1111&orchestration_type=send_message",
            expected: HttpStatusCode.Forbidden);
        Assert.Equal("denier", Text(refusedInput, "plugin"));
        Assert.Equal("message mentions 'forbidden'", Text(refusedInput, "reason"));

        // A queued message: marked refused with the reason, never delivered, never retried.
        var queued = await server.PostJsonAsync($"/terminals/{receiverId}/inbox/messages", new { sender_id = "aaaa1111", message = "queued forbidden note" });
        var queuedId = queued["message_id"]!.GetValue<long>();
        await Poll.UntilAsync(async () => (await InboxRow(server, receiverId, queuedId))?["status"]?.GetValue<string>() == "refused", "the queued message to be refused");
        var row = await InboxRow(server, receiverId, queuedId);
        Assert.Equal("Refused by plugin 'denier': message mentions 'forbidden' (forbidden_word)", row!["error"]!.GetValue<string>());

        // A rewritten message is delivered as rewritten, and announced as rewritten.
        await server.PostJsonAsync($"/terminals/{receiverId}/input?message=the%20secret%20plan&sender_id=aaaa1111&orchestration_type=send_message");
        await Poll.UntilAsync(() => server.RecordedEvents().Any(e => Text(e, "event_type") == "post_send_message"), "the rewritten message event");
        await Poll.UntilAsync(async () => (await server.GetJsonAsync($"/terminals/{receiverId}/output?mode=last"))["output"]!.GetValue<string>().Contains("[REDACTED]"), "the receiver to answer the rewritten text");
        var log = await File.ReadAllTextAsync(server.Home.TerminalLogFile(receiverId));
        Assert.DoesNotContain("secret", log);
        Assert.DoesNotContain("forbidden", log);

        await Poll.UntilAsync(() => server.RecordedEvents().Count(e => Text(e, "event_type") == "post_send_message_denied") == 2, "two denial events");
        var events = server.RecordedEvents();
        var sent = Assert.Single(events, e => Text(e, "event_type") == "post_send_message");
        Assert.Equal("the [REDACTED] plan", Text(sent, "message"));
        var denials = events.Where(e => Text(e, "event_type") == "post_send_message_denied").ToList();
        Assert.All(denials, d => Assert.Equal(("denier", "forbidden_word", receiverId), (Text(d, "denied_by"), Text(d, "code"), Text(d, "receiver"))));
        Assert.Equal(["forbidden words", "queued forbidden note"], denials.Select(d => Text(d, "message")));
        Assert.Equal(1, events.Count(e => Text(e, "event_type") == "post_create_terminal")); // the refused terminal never announced
    }

    private static async Task<JsonNode?> InboxRow(CaoTestServer server, string receiverId, long id) =>
        (await server.GetJsonAsync($"/terminals/{receiverId}/inbox/messages?limit=100")).AsArray().FirstOrDefault(m => m!["id"]!.GetValue<long>() == id);

    private static string? Text(JsonNode node, string name) => node[name]?.GetValue<string>();
}
