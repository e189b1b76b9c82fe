namespace CliAgentOrchestrator.Core.PluginHosting.Isolation;

/// <summary>An isolated plugin's child could not be started or set up, or is not running; the message says why.</summary>
public sealed class IsolatedPluginException(string message) : Exception(message);
