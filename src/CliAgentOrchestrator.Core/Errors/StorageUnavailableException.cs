namespace CliAgentOrchestrator.Core.Errors;

/// <summary>
/// The database cannot be read or written (deleted, read-only, disk full, corrupt, locked). The
/// message names the file and what to do. The API answers 503: the write did not happen, so the
/// caller must not take it for done.
/// </summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : CaoException(message, inner);
