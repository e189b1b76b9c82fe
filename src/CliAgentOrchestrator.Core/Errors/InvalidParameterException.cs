namespace CliAgentOrchestrator.Core.Errors;

/// <summary>
/// One parameter is missing or out of its range (a terminal id of the wrong shape, an unknown output
/// mode). Kept apart from <see cref="InvalidRequestException"/> because the Python server answers these
/// with its validation status (422) and the others with 400, and our API keeps both.
/// </summary>
public sealed class InvalidParameterException(string message) : CaoException(message);
