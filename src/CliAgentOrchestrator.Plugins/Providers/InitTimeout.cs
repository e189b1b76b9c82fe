
namespace CliAgentOrchestrator.Plugins.Providers;

/// <summary>How long a CLI may take to become ready: profile, then configuration, then default.</summary>
public static class InitTimeout
{
    /// <summary>The default when neither the profile nor the configuration says otherwise.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The profile's <c>provider_init_timeout</c> when positive, else <paramref name="configured"/>
    /// (<c>CAO_PROVIDER_INIT_TIMEOUT</c>), else <paramref name="fallback"/> (60 s when null).
    /// </summary>
    public static TimeSpan Resolve(AgentProfile? profile, TimeSpan? configured, TimeSpan? fallback = null)
    {
        if (profile?.ProviderInitTimeout is > 0 and var seconds) return TimeSpan.FromSeconds(seconds);
        return configured ?? fallback ?? Default;
    }
}
