namespace CliAgentOrchestrator.Core.Profiles;

/// <summary>A profile that cannot be found, read or installed. The message is meant for the operator.</summary>
public class ProfileException(string message, Exception? inner = null) : Exception(message, inner);
