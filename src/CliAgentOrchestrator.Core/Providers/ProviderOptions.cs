namespace CliAgentOrchestrator.Core.Providers;

/// <summary>Server-wide provider settings, bound from the <c>Providers</c> section.</summary>
public sealed record ProviderOptions
{
    public const string Section = "Providers";

    /// <summary>
    /// How long a CLI may take to become ready when its profile does not say (<c>CAO_PROVIDER_INIT_TIMEOUT</c>,
    /// seconds); null leaves each provider's own default.
    /// </summary>
    public TimeSpan? InitTimeout { get; init; }
}
