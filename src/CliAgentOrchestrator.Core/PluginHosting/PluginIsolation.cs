using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>Where a plugin runs. JSON form: <c>inprocess</c> or <c>process</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PluginIsolation>))]
public enum PluginIsolation
{
    /// <summary>In the server's process, in its own load context (the default).</summary>
    [JsonStringEnumMemberName("inprocess")] InProcess,

    /// <summary>In a supervised child process of its own (<c>cao plugin-host</c>), spoken to over docs/plugin-protocol.md.</summary>
    [JsonStringEnumMemberName("process")] Process,
}
