using System.Globalization;
using System.Text.Json.Nodes;

namespace CliAgentOrchestrator.Cli;

/// <summary>One readable line for an event's JSON: time, type, and what happened to whom.</summary>
public static class EventSummary
{
    private const int MessageChars = 80;

    public static string Of(string json)
    {
        JsonObject e;
        try
        {
            e = JsonNode.Parse(json)?.AsObject() ?? new JsonObject();
        }
        catch (System.Text.Json.JsonException)
        {
            return json;
        }
        var time = DateTimeOffset.TryParse(Text(e, "timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "--:--:--";
        var type = Text(e, "event_type") ?? "?";
        return $"{time}  {type,-28}  {Describe(type, e)}".TrimEnd();
    }

    private static string Describe(string type, JsonObject e) => type switch
    {
        "post_terminal_status_change" => $"{Agent(e)}: {Text(e, "previous_status")} -> {Text(e, "status")}",
        "post_create_terminal" => $"{Agent(e)} ({Text(e, "provider")}) in {Text(e, "session_id")}",
        "post_kill_terminal" => Agent(e),
        "post_create_session" or "post_kill_session" => Text(e, "session_name") ?? Text(e, "session_id") ?? "",
        "post_send_message" => $"{Text(e, "sender")} -> {Text(e, "receiver")} ({Text(e, "orchestration_type")}){Message(e)}",
        "post_send_message_denied" => $"{Text(e, "sender")} -> {Text(e, "receiver")} denied by {Text(e, "denied_by")}: {Text(e, "reason")}",
        "post_queue_message" => $"#{e["message_id"]} {Text(e, "sender")} -> {Text(e, "receiver")} ({Text(e, "orchestration_type")}){Message(e)}",
        "post_fail_message" => $"#{e["message_id"]} {Text(e, "sender")} -> {Text(e, "receiver")} failed: {Text(e, "reason")}",
        _ => e.ToJsonString(),
    };

    private static string Agent(JsonObject e) =>
        Text(e, "agent_name") is { } agent ? $"{Text(e, "terminal_id")} {agent}" : Text(e, "terminal_id") ?? "";

    // Bodies appear only when the operator lets the stream carry them (plugins.events.include_messages).
    private static string Message(JsonObject e)
    {
        if (Text(e, "message") is not { } message)
            return "";
        var oneLine = message.ReplaceLineEndings(" ");
        return ": " + (oneLine.Length > MessageChars ? oneLine[..MessageChars] + "…" : oneLine);
    }

    private static string? Text(JsonObject e, string name) => e[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
