using System.Text.Json.Serialization;

namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>Whether a plugin receives events. JSON form: lowercase strings.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PluginStatus>))]
public enum PluginStatus
{
    /// <summary>Set up and receiving events.</summary>
    [JsonStringEnumMemberName("loaded")] Loaded,

    /// <summary>Set up and receiving events, but a hook call did not return within its timeout and was abandoned; see the reason.</summary>
    [JsonStringEnumMemberName("faulted")] Faulted,

    /// <summary>Could not be created or set up; see the reason.</summary>
    [JsonStringEnumMemberName("failed")] Failed,

    /// <summary>Switched off by the user.</summary>
    [JsonStringEnumMemberName("disabled")] Disabled,

    /// <summary>Torn down at shutdown.</summary>
    [JsonStringEnumMemberName("stopped")] Stopped,
}
