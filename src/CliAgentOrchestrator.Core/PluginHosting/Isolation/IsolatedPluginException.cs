using CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation;

/// <summary>An isolated plugin's child could not be started or set up, or is not running; the message says why.</summary>
public sealed class IsolatedPluginException(string message) : Exception(message)
{
    /// <summary>When the plugin's own setup failed: the tools the runner read from it, listed as "not configured".</summary>
    internal SetupFailure? SetupFailure { get; init; }
}
