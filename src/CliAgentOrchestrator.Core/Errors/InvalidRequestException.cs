namespace CliAgentOrchestrator.Core.Errors;

/// <summary>The request cannot be served as asked: an unknown provider, a bad name, an empty message.</summary>
public sealed class InvalidRequestException(string message) : CaoException(message);
