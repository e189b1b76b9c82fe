using System.Text.Json.Nodes;
using CliAgentOrchestrator.Core.Storage;
using CliAgentOrchestrator.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CliAgentOrchestrator.Tests.Messaging;

/// <summary>
/// 400 messages from 10 senders to one receiver, posted concurrently so the immediate attempt,
/// the ready edges and the sweep all race; then checked three ways: the inbox rows, the Recorder's
/// post_send_message events, and what the receiver's terminal actually answered. Each scenario using
/// it is a class of its own, so the slow scenarios run in parallel.
/// </summary>
internal static class InboxStress
{
    public const int Senders = 10;
    // 400 messages: enough for the immediate attempt, the ready edges and the sweep to race many times;
    // each is typed in its own paste, so every hundred more costs the suite about 20 s.
    public const int PerSender = 40;
    public static readonly TimeSpan Drain = TimeSpan.FromMinutes(8);

    private static string Text(int sender, int index) => $"s{sender}-m{index:D4}";

    // Senders are plain ids: the inbox does not require them to be terminals. Each sender posts in order.
    private static string SenderId(int sender) => $"5e0000{sender:D2}";

    public static Task PostAsync(CaoTestServer server, string receiver, int from, int to) =>
        Task.WhenAll(Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
        {
            for (var i = from; i < to; i++)
                await server.PostJsonAsync($"/terminals/{receiver}/inbox/messages", new { sender_id = SenderId(s), message = Text(s, i) });
        })));

    public static async Task VerifyAsync(CaoTestServer server, string receiver)
    {
        var inbox = server.Services.GetRequiredService<InboxRepository>();
        const int total = Senders * PerSender;
        await Poll.UntilAsync(() => inbox.List(receiver, int.MaxValue, InboxStatuses.Delivered).Count == total
                && TerminalLog.Answers(server, receiver).Count >= total,
            $"all {total} messages delivered and answered", Drain);

        // Rows: all delivered; none pending, being delivered, or failed (the API's status filter agrees).
        foreach (var status in new[] { "pending", "delivering", "failed" })
            Assert.Empty((await server.GetJsonAsync($"/terminals/{receiver}/inbox/messages?status={status}&limit=100")).AsArray());
        var rows = inbox.List(receiver, int.MaxValue, null);
        Assert.Equal(total, rows.Count);
        Assert.All(rows, r => Assert.Equal(InboxStatuses.Delivered, r.Status));
        Assert.Equal(Expected(), rows.Select(r => r.Message).Order(StringComparer.Ordinal));

        // Events: exactly one post_send_message per message, each sender's in its order.
        await Poll.UntilAsync(() => Sends(server, receiver).Count >= total, "an event per message", TimeSpan.FromMinutes(1));
        var sends = Sends(server, receiver);
        Assert.Equal(total, sends.Count);
        Assert.Equal(Expected(), sends.Select(e => e.Field("message")!).Order(StringComparer.Ordinal));
        Assert.All(sends, e => Assert.Equal("send_message", e.Field("orchestration_type")));
        for (var s = 0; s < Senders; s++)
        {
            var sender = SenderId(s);
            var mine = sends.Where(e => e.Field("sender") == sender).ToList();
            Assert.Equal(Enumerable.Range(0, PerSender).Select(i => Text(s, i)), mine.Select(e => e.Field("message")));
            var times = mine.Select(e => DateTimeOffset.Parse(e.Field("timestamp")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(times.Order(), times);
        }

        // The terminal: each message answered exactly once, each sender's in its order.
        var answers = TerminalLog.Answers(server, receiver).Where(a => a.StartsWith('s')).ToList();
        Assert.Equal(Expected(), answers.Order(StringComparer.Ordinal));
        for (var s = 0; s < Senders; s++)
        {
            var prefix = $"s{s}-";
            Assert.Equal(Enumerable.Range(0, PerSender).Select(i => Text(s, i)), answers.Where(a => a.StartsWith(prefix, StringComparison.Ordinal)));
        }
    }

    private static IEnumerable<string> Expected() =>
        Enumerable.Range(0, Senders).SelectMany(s => Enumerable.Range(0, PerSender).Select(i => Text(s, i))).Order(StringComparer.Ordinal);

    private static List<JsonObject> Sends(CaoTestServer server, string receiver) =>
        server.RecordedEvents().Where(e => e.Is("post_send_message") && e.Field("receiver") == receiver).ToList();
}
