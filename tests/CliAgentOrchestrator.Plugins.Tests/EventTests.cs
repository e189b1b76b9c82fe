using System.Text.Json;
using CliAgentOrchestrator.Plugins;

namespace CliAgentOrchestrator.Plugins.Tests;

public sealed class EventTests
{
    public static TheoryData<CaoEvent, string> EveryEvent => new()
    {
        { new PostSendMessageEvent(), EventTypes.PostSendMessage },
        { new PostCreateSessionEvent(), EventTypes.PostCreateSession },
        { new PostKillSessionEvent(), EventTypes.PostKillSession },
        { new PostCreateTerminalEvent(), EventTypes.PostCreateTerminal },
        { new PostKillTerminalEvent(), EventTypes.PostKillTerminal },
        { new PostSendMessageDeniedEvent(), EventTypes.PostSendMessageDenied },
        { new PreSendMessageEvent(), EventTypes.PreSendMessage },
        { new PreCreateTerminalEvent(), EventTypes.PreCreateTerminal },
    };

    [Theory]
    [MemberData(nameof(EveryEvent))]
    public void EveryEventIsZeroArgConstructibleWithItsTypeAndAUtcTimestamp(CaoEvent e, string expectedType)
    {
        Assert.Equal(expectedType, e.EventType);
        Assert.Equal(TimeSpan.Zero, e.Timestamp.Offset);
        Assert.InRange(e.Timestamp, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Null(e.SessionId);
        Assert.Null(e.Traceparent);
    }

    [Fact]
    public void EventFieldsDefaultLikeTheSeed()
    {
        var message = new PostSendMessageEvent();
        Assert.Equal(("", "", "", ""), (message.Sender, message.Receiver, message.Message, message.OrchestrationType));
        var terminal = new PostCreateTerminalEvent();
        Assert.Equal(("", null, ""), (terminal.TerminalId, terminal.AgentName, terminal.Provider));
        Assert.Equal(("", null), (new PostKillTerminalEvent().TerminalId, new PostKillTerminalEvent().AgentName));
        Assert.Equal("", new PostCreateSessionEvent().SessionName);
        Assert.Equal("", new PostKillSessionEvent().SessionName);
        Assert.Equal("", new CaoEvent().EventType);
    }

    [Fact]
    public void JsonUsesTheSeedsSnakeCaseNames()
    {
        var e = new PostSendMessageEvent
        {
            Sender = "a", Receiver = "b", Message = "hi", OrchestrationType = OrchestrationTypes.Handoff,
            SessionId = "cao-x", Timestamp = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        };

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(e));

        var names = json.RootElement.EnumerateObject().Select(p => p.Name).Order().ToList();
        Assert.Equal(["event_id", "event_type", "message", "orchestration_type", "receiver", "sender", "session_id", "timestamp", "traceparent"], names);
        Assert.Equal("post_send_message", json.RootElement.GetProperty("event_type").GetString());
        Assert.Equal("handoff", json.RootElement.GetProperty("orchestration_type").GetString());
        Assert.Equal("2026-01-02T03:04:05+00:00", json.RootElement.GetProperty("timestamp").GetString());
    }

    [Fact]
    public void TerminalEventsRoundTripThroughJson()
    {
        var created = new PostCreateTerminalEvent { TerminalId = "abcd1234", AgentName = "developer", Provider = "codex", SessionId = "cao-s" };

        var back = JsonSerializer.Deserialize<PostCreateTerminalEvent>(JsonSerializer.Serialize(created));

        Assert.Equal(created, back);
        Assert.Contains("\"agent_name\":\"developer\"", JsonSerializer.Serialize(created));
        Assert.Contains("\"session_name\":\"cao-s\"", JsonSerializer.Serialize(new PostKillSessionEvent { SessionName = "cao-s" }));
    }

    [Fact]
    public void EventTypeStringsMatchThePythonOriginal()
    {
        // The five of the Python original, plus ours: the pre-hook events, the denial observer, the inbox's
        // queued and failed messages, and status changes.
        Assert.Equal(
            ["post_create_session", "post_create_terminal", "post_fail_message", "post_kill_session", "post_kill_terminal",
             "post_queue_message", "post_send_message", "post_send_message_denied", "post_terminal_status_change",
             "pre_create_terminal", "pre_send_message"],
            typeof(EventTypes).GetFields().Select(f => (string)f.GetRawConstantValue()!).Order());
        Assert.Equal(
            ["assign", "handoff", "send_message"],
            typeof(OrchestrationTypes).GetFields().Select(f => (string)f.GetRawConstantValue()!).Order());
    }
}
