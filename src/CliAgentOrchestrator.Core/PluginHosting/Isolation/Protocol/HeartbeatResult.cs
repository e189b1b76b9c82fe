using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;

/// <summary>The answer to <c>heartbeat</c>: the child is alive, and how much memory it holds.</summary>
internal sealed record HeartbeatResult
{
    [JsonPropertyName("pid")] public int Pid { get; init; }
    [JsonPropertyName("working_set_bytes")] public long WorkingSetBytes { get; init; }
    [JsonPropertyName("managed_heap_bytes")] public long ManagedHeapBytes { get; init; }
}
