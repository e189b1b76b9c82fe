namespace CliAgentOrchestrator.Core.Errors;

/// <summary>A message over the configured size limit (<c>CAO_MAX_MESSAGE_BYTES</c>); the HTTP API answers 413.</summary>
public sealed class MessageTooLargeException(string message) : CaoException(message);
