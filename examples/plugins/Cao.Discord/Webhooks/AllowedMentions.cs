using System.Text.Json.Serialization;

namespace Cao.Discord.Webhooks;

/// <summary>Discord's allowed-mentions object: which mentions in the content may notify anyone.</summary>
internal sealed record AllowedMentions
{
    /// <summary>No mention of any kind notifies anyone.</summary>
    public static readonly AllowedMentions None = new();

    /// <summary>The mention kinds to resolve (<c>users</c>, <c>roles</c>, <c>everyone</c>); empty resolves none.</summary>
    [JsonPropertyName("parse")]
    public IReadOnlyList<string> Parse { get; init; } = [];
}
