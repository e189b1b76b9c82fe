using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Messaging;

/// <summary>A message to an agent that is working waits in its inbox and is typed once, when it is ready.</summary>
public sealed class BusyReceiverTests
{
    [Fact]
    public async Task AMessageToABusyReceiverStaysPendingAndIsDeliveredOnceWhenItFinishes()
    {
        await using var server = await CaoTestServer.StartAsync();
        var receiver = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();
        var sender = (await server.PostJsonAsync(
            $"/sessions/{(await server.GetJsonAsync($"/terminals/{receiver}"))["session_name"]}/terminals?agent_profile=reviewer&provider=mock_cli&working_directory={Uri.EscapeDataString(server.WorkDirectory)}",
            expected: System.Net.HttpStatusCode.Created))["id"]!.GetValue<string>();

        // No sender or type: plain typing, no event, no inbox row.
        await server.PostJsonAsync($"/terminals/{receiver}/input?message=__mock_sleep_5");
        await server.WaitForStatusAsync(receiver, "processing");
        var queued = await server.PostJsonAsync($"/terminals/{receiver}/inbox/messages", new { sender_id = sender, message = "while-you-were-busy" });
        var id = queued["message_id"]!.GetValue<long>();

        // However often the triggers fire (the immediate attempt, the sweep), nothing is typed while it works.
        var checks = 0;
        while (await server.StatusAsync(receiver) == "processing")
        {
            var row = await RowAsync(server, receiver, id);
            if (await server.StatusAsync(receiver) != "processing")
                break; // it finished between the two reads; the row may legitimately have moved on
            Assert.Equal("pending", row.Field("status"));
            Assert.Null(row.Field("delivered_at"));
            checks++;
        }
        Assert.True(checks > 0, "the receiver finished before the message could be seen waiting");

        await Poll.UntilAsync(async () => (await RowAsync(server, receiver, id)).Field("status") == "delivered", "the message delivered", TimeSpan.FromMinutes(1));
        await Poll.UntilAsync(() => TerminalLog.Answers(server, receiver).Contains("while-you-were-busy"), "the receiver answering it", TimeSpan.FromMinutes(1));
        var answers = TerminalLog.Answers(server, receiver);
        Assert.Equal(["slept 5s", "while-you-were-busy"], answers);
        Assert.NotNull((await RowAsync(server, receiver, id)).Field("delivered_at"));

        // Let every later trigger (ready edges, the 2 s sweep) have its chance to deliver it again.
        await server.WaitForStatusAsync(receiver, "completed", "idle");
        var sends = server.RecordedEvents().Where(e => e.Is("post_send_message")).ToList();
        var sent = Assert.Single(sends);
        Assert.Equal((sender, receiver, "while-you-were-busy", "send_message"),
            (sent.Field("sender"), sent.Field("receiver"), sent.Field("message"), sent.Field("orchestration_type")));
        Assert.Equal(["slept 5s", "while-you-were-busy"], TerminalLog.Answers(server, receiver));
    }

    private static async Task<System.Text.Json.Nodes.JsonObject> RowAsync(CaoTestServer server, string receiver, long id) =>
        (await server.GetJsonAsync($"/terminals/{receiver}/inbox/messages?limit=100")).AsArray()
            .Select(r => r!.AsObject()).Single(r => r["id"]!.GetValue<long>() == id);
}
