namespace CliAgentOrchestrator.Core.Errors;

/// <summary>
/// A failure the caller can act on, told in one line. The core throws the subclasses; the edges
/// (the HTTP API, the command line) decide how to show them — the core knows no status codes.
/// Anything else that escapes the core is a fault of CAO itself.
/// </summary>
public abstract class CaoException(string message, Exception? inner = null) : Exception(message, inner);
