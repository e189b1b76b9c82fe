namespace Cao.Discord.Webhooks;

/// <summary>One agent message waiting to be posted: the display name and the full text (split later).</summary>
/// <param name="Username">A name already cleaned to Discord's rules.</param>
/// <param name="Content">The message as the agent wrote it; may exceed Discord's limit.</param>
internal sealed record WebhookMessage(string Username, string Content);
