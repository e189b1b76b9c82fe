using System.Text.Json.Nodes;

namespace CliAgentOrchestrator.Tests.Messaging;

/// <summary>Reading fields of the events the Recorder plugin wrote.</summary>
public static class RecordedEvent
{
    public static string? Field(this JsonObject e, string name) => e[name]?.GetValue<string>();

    public static bool Is(this JsonObject e, string eventType) => e.Field("event_type") == eventType;
}
