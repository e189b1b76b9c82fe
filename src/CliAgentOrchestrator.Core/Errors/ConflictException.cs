namespace CliAgentOrchestrator.Core.Errors;

/// <summary>The request is well formed but the current state forbids it (a name in use, a terminal in error).</summary>
public sealed class ConflictException(string message) : CaoException(message);
