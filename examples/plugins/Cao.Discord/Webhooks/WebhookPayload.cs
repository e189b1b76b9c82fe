using System.Text.Json.Serialization;

namespace Cao.Discord.Webhooks;

/// <summary>The JSON body of one webhook execution (Discord's "Execute Webhook").</summary>
internal sealed record WebhookPayload(
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("content")] string Content)
{
    /// <summary>
    /// Agents quote text freely; an "@everyone" in a message must not page a whole server, so no
    /// mention in the content is ever resolved.
    /// </summary>
    [JsonPropertyName("allowed_mentions")]
    public AllowedMentions AllowedMentions { get; init; } = AllowedMentions.None;
}
