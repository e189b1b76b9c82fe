namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>A synthetic event could not be tried on a plugin; the message says why and what to do.</summary>
/// <param name="message">One line for the user.</param>
/// <param name="notFound">True when no plugin of that name is loaded (HTTP 404), else the request is at fault (400).</param>
public sealed class PluginTrialException(string message, bool notFound = false) : Exception(message)
{
    public bool NotFound { get; } = notFound;
}
