using CliAgentOrchestrator.Core.Providers;

namespace CliAgentOrchestrator.Tests.Providers;

/// <summary>Provider init clocks for scripted consoles: fast polls, short bounds; tests vary them with <c>with</c>.</summary>
public static class TestTimings
{
    public static readonly ProviderTimings Fast = new()
    {
        ShellStartTimeout = TimeSpan.FromSeconds(5),
        ShellPollInterval = TimeSpan.FromMilliseconds(10),
        ReadyPollInterval = TimeSpan.FromMilliseconds(10),
        DialogRetryAfter = TimeSpan.FromSeconds(30),
        InitTimeout = TimeSpan.FromSeconds(5),
    };
}
