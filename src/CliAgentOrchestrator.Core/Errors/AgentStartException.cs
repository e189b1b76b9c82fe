namespace CliAgentOrchestrator.Core.Errors;

/// <summary>The agent's CLI could not be started; everything created for it was rolled back.</summary>
public sealed class AgentStartException(string message, Exception inner) : CaoException(message, inner);
