using System.Net;
using System.Net.Http.Json;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Messaging;

/// <summary>The inbox routes' contract: both request forms, validation, and unknown receivers.</summary>
public sealed class InboxApiTests
{
    [Fact]
    public async Task PostAcceptsQueryParametersAndAJsonBodyAndBothAreDelivered()
    {
        await using var server = await CaoTestServer.StartAsync();
        var receiver = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();

        // The Python form: everything in the query string.
        var byQuery = await server.PostJsonAsync($"/terminals/{receiver}/inbox/messages?sender_id=aaaa0001&message=by-query");
        // Our form: a JSON body, so long texts stay out of URLs.
        var byBody = await server.PostJsonAsync($"/terminals/{receiver}/inbox/messages", new { sender_id = "aaaa0002", message = "by-body" });

        Assert.True(byQuery["success"]!.GetValue<bool>());
        Assert.Equal(("aaaa0001", receiver), (byQuery.Field("sender_id"), byQuery.Field("receiver_id")));
        Assert.Equal(("aaaa0002", receiver), (byBody.Field("sender_id"), byBody.Field("receiver_id")));
        Assert.True(byBody["message_id"]!.GetValue<long>() > byQuery["message_id"]!.GetValue<long>());
        Assert.False(string.IsNullOrEmpty(byBody.Field("created_at")));

        await Poll.UntilAsync(async () => (await server.GetJsonAsync($"/terminals/{receiver}/inbox/messages?status=delivered")).AsArray().Count == 2,
            "both messages delivered", TimeSpan.FromMinutes(1));
        var rows = (await server.GetJsonAsync($"/terminals/{receiver}/inbox/messages")).AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal([("aaaa0001", "by-query"), ("aaaa0002", "by-body")], rows.Select(r => (r.Field("sender_id"), r.Field("message"))));
        await Poll.UntilAsync(() => TerminalLog.Answers(server, receiver).Count(a => a is "by-query" or "by-body") == 2, "both answered", TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task ListValidatesLimitAndStatus()
    {
        await using var server = await CaoTestServer.StartAsync();
        var receiver = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();

        await server.GetJsonAsync($"/terminals/{receiver}/inbox/messages?limit=101", (HttpStatusCode)422);
        await server.GetJsonAsync($"/terminals/{receiver}/inbox/messages?limit=0", (HttpStatusCode)422);
        await server.GetJsonAsync($"/terminals/{receiver}/inbox/messages?status=lost", HttpStatusCode.BadRequest);
        Assert.Empty((await server.GetJsonAsync($"/terminals/{receiver}/inbox/messages?limit=100&status=pending")).AsArray());
    }

    [Fact]
    public async Task PostToAnUnknownReceiverIs404AndQueuesNothing()
    {
        await using var server = await CaoTestServer.StartAsync();

        using var response = await server.Http.PostAsJsonAsync("/terminals/0badf00d/inbox/messages", new { sender_id = "aaaa0001", message = "lost?" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("0badf00d", await response.Content.ReadAsStringAsync());
        Assert.Empty((await server.GetJsonAsync("/terminals/0badf00d/inbox/messages")).AsArray());
    }

    [Fact]
    public async Task PostWithoutSenderOrMessageIsRejected()
    {
        await using var server = await CaoTestServer.StartAsync();
        var receiver = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();

        using var noSender = await server.Http.PostAsync($"/terminals/{receiver}/inbox/messages?message=hi", null);
        using var noMessage = await server.Http.PostAsJsonAsync($"/terminals/{receiver}/inbox/messages", new { sender_id = "aaaa0001" });

        Assert.Equal((HttpStatusCode)422, noSender.StatusCode);
        Assert.Equal((HttpStatusCode)422, noMessage.StatusCode);
        Assert.Empty((await server.GetJsonAsync($"/terminals/{receiver}/inbox/messages")).AsArray());
    }
}
