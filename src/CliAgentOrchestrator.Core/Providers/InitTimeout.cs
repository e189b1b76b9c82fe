using CliAgentOrchestrator.Core.Profiles;

namespace CliAgentOrchestrator.Core.Providers;

/// <summary>How long a CLI may take to become ready: profile, then environment, then default.</summary>
public static class InitTimeout
{
    /// <summary>The environment variable holding the server-wide default, in seconds.</summary>
    public const string EnvironmentVariable = "CAO_PROVIDER_INIT_TIMEOUT";

    /// <summary>The default when neither the profile nor the environment says otherwise.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The profile's <c>provider_init_timeout</c>, else <c>CAO_PROVIDER_INIT_TIMEOUT</c>, else
    /// <paramref name="fallback"/> (60 s when null). Non-positive or unparsable values are ignored.
    /// </summary>
    public static TimeSpan Resolve(AgentProfile? profile, TimeSpan? fallback = null, Func<string, string?>? environment = null)
    {
        if (profile?.ProviderInitTimeout is > 0 and var seconds) return TimeSpan.FromSeconds(seconds);
        var raw = (environment ?? Environment.GetEnvironmentVariable)(EnvironmentVariable);
        if (double.TryParse(raw, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var env) && env > 0)
            return TimeSpan.FromSeconds(env);
        return fallback ?? Default;
    }
}
