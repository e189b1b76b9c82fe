namespace CliAgentOrchestrator.Core.PluginHosting.Isolation;

/// <summary>A hook of an isolated plugin threw in its child; carries the exception's type and message across the wire.</summary>
public sealed class RemoteHookException(string exceptionType, string message) : Exception($"{exceptionType}: {message}")
{
    public string ExceptionType { get; } = exceptionType;
}
