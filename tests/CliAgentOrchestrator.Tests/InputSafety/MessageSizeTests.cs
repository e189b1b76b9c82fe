using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Tests.Messaging;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.InputSafety;

/// <summary>
/// Messages have a size limit (64 KiB, CAO_MAX_MESSAGE_BYTES). The fault: a 10 MB message was
/// accepted, the agent received 4,095 characters, and the row said delivered.
/// </summary>
public sealed class MessageSizeTests
{
    private const int DefaultLimit = 64 * 1024;

    [Fact]
    public async Task AMessageOverTheDefaultLimitIs413ForInputAndInbox()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        var terminal = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();
        var tooLong = new string('x', DefaultLimit + 1);

        using var input = await server.Http.PostAsJsonAsync($"/terminals/{terminal}/input", new { message = tooLong });
        using var inbox = await server.Http.PostAsJsonAsync($"/terminals/{terminal}/inbox/messages", new { sender_id = "aaaa0001", message = tooLong });

        foreach (var response in new[] { input, inbox })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            var detail = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>();
            Assert.Contains($"{DefaultLimit + 1} bytes, over the limit of {DefaultLimit} bytes (CAO_MAX_MESSAGE_BYTES)", detail);
        }
        Assert.Empty((await server.GetJsonAsync($"/terminals/{terminal}/inbox/messages")).AsArray());
    }

    [Fact]
    public async Task TheLimitIsConfigurableAndAppliesToQueryStringsToo()
    {
        await using var server = await CaoTestServer.StartWithSettingsAsync(new Dictionary<string, string> { ["CAO_MAX_MESSAGE_BYTES"] = "100" });
        var terminal = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();
        // 101 bytes: 99 ASCII characters and one 2-byte character.
        var tooLong = Uri.EscapeDataString(new string('y', 99) + "é");

        using var input = await server.Http.PostAsync($"/terminals/{terminal}/input?message={tooLong}", null);
        using var inbox = await server.Http.PostAsync($"/terminals/{terminal}/inbox/messages?sender_id=aaaa0001&message={tooLong}", null);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, input.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, inbox.StatusCode);
        Assert.Contains("101 bytes, over the limit of 100 bytes", await inbox.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AQueryStringMessageJustUnderTheDefaultLimitIsAcceptedNotRefusedByTheWebServer()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        var terminal = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();
        // Percent-encoded this is 3 bytes per byte, far beyond Kestrel's default 8 KiB request line.
        var message = Uri.EscapeDataString(new string('%', DefaultLimit - 1));

        using var inbox = await server.Http.PostAsync($"/terminals/{terminal}/inbox/messages?sender_id=aaaa0001&message={message}", null);

        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
    }

    [Fact]
    public async Task AMessageOfExactlyTheLimitArrivesWhole()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        var receiver = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();
        await server.WaitForStatusAsync(receiver, "idle", "completed");
        var message = "START" + string.Concat(Enumerable.Range(0, DefaultLimit).Select(i => (char)('a' + (i % 26))))[..(DefaultLimit - 8)] + "END";

        await server.PostJsonAsync($"/terminals/{receiver}/inbox/messages", new { sender_id = "aaaa0001", message });

        await Poll.UntilAsync(() => TerminalLog.Answers(server, receiver).Any(a => a.StartsWith("START", StringComparison.Ordinal) && a.EndsWith("END", StringComparison.Ordinal)),
            "the whole message answered", TimeSpan.FromMinutes(1));
        Assert.Contains(message, TerminalLog.Answers(server, receiver));
        var row = (await server.GetJsonAsync($"/terminals/{receiver}/inbox/messages")).AsArray().Single()!;
        Assert.Equal("delivered", row["status"]!.GetValue<string>());
    }
}
