using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>What <c>cao plugin list</c> and <c>GET /plugins</c> show about one plugin.</summary>
public sealed record PluginInfo
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("version")] public string? Version { get; init; }
    /// <summary>The installed folder, or <c>built-in</c>.</summary>
    [JsonPropertyName("source")] public required string Source { get; init; }
    [JsonPropertyName("status")] public PluginStatus Status { get; init; }
    /// <summary>Why the plugin failed, when it did.</summary>
    [JsonPropertyName("error")] public string? Error { get; init; }
    /// <summary>Hooks as <c>event_type: Type.Method</c>.</summary>
    [JsonPropertyName("hooks")] public IReadOnlyList<string> Hooks { get; init; } = [];
    /// <summary>Pre-hooks as <c>event_type: Type.Method (order n, fail open|closed)</c>.</summary>
    [JsonPropertyName("pre_hooks")] public IReadOnlyList<string> PreHooks { get; init; } = [];
    /// <summary>Hooks refused at load, with the reason.</summary>
    [JsonPropertyName("refused_hooks")] public IReadOnlyList<string> RefusedHooks { get; init; } = [];
    /// <summary>The tools it offers agents, by the names agents call.</summary>
    [JsonPropertyName("tools")] public IReadOnlyList<string> Tools { get; init; } = [];
    /// <summary>Tools refused at load, with the reason.</summary>
    [JsonPropertyName("refused_tools")] public IReadOnlyList<string> RefusedTools { get; init; } = [];
    [JsonPropertyName("events_delivered")] public long Delivered { get; init; }
    [JsonPropertyName("hook_failures")] public long Failed { get; init; }
    [JsonPropertyName("events_dropped")] public long Dropped { get; init; }
    [JsonPropertyName("events_queued")] public long Queued { get; init; }
    /// <summary>Where the plugin runs: <c>inprocess</c> or <c>process</c> (a supervised child of its own).</summary>
    [JsonPropertyName("isolation")] public PluginIsolation Isolation { get; init; }
    /// <summary>The process id of an isolated plugin's child while it runs; null in-process or while restarting.</summary>
    [JsonPropertyName("pid")] public int? Pid { get; init; }
    /// <summary>How often an isolated plugin's child was restarted after a crash, hang or memory-cap breach.</summary>
    [JsonPropertyName("restarts")] public int Restarts { get; init; }
    /// <summary>Why an isolated plugin's child last had to be restarted (or was given up on).</summary>
    [JsonPropertyName("last_crash_reason")] public string? LastCrashReason { get; init; }
    /// <summary>The managed-heap cap of an isolated plugin's child, in MB (0 = none).</summary>
    [JsonPropertyName("memory_limit_mb")] public int? MemoryLimitMb { get; init; }
    /// <summary>The resident memory of an isolated plugin's child at its last heartbeat, in bytes.</summary>
    [JsonPropertyName("working_set_bytes")] public long? WorkingSetBytes { get; init; }
}
