namespace CliAgentOrchestrator.Core.Providers;

/// <summary>A provider key that no provider answers to; the message lists the valid keys.</summary>
public sealed class UnknownProviderException(string key, IEnumerable<string> validKeys)
    : ArgumentException($"Unknown provider '{key}'. Valid providers: {string.Join(", ", validKeys)}.")
{
    /// <summary>The key that was asked for.</summary>
    public string Key { get; } = key;
}
