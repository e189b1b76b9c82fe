namespace CliAgentOrchestrator.Core.BuiltInPlugins.Webhook;

/// <summary>One receiver of the webhook sink.</summary>
/// <param name="Url">Where events are posted.</param>
/// <param name="Key">The signing key (the bytes of the <c>whsec_</c> secret); null posts unsigned.</param>
/// <param name="EventTypes">The event types it gets; null for all.</param>
public sealed record WebhookEndpointSettings(Uri Url, byte[]? Key, IReadOnlySet<string>? EventTypes)
{
    public bool Wants(string eventType) => EventTypes is null || EventTypes.Contains(eventType);
}
