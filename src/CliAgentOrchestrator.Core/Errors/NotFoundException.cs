namespace CliAgentOrchestrator.Core.Errors;

/// <summary>The session, terminal or other thing named does not exist.</summary>
public sealed class NotFoundException(string message) : CaoException(message);
