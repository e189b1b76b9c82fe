namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>A reload was refused; the message says why and what to do.</summary>
/// <param name="message">One line for the user.</param>
/// <param name="notFound">True when no plugin of that name is loaded or installed (HTTP 404), else a conflict (409).</param>
public sealed class PluginReloadException(string message, bool notFound = false) : Exception(message)
{
    public bool NotFound { get; } = notFound;
}
