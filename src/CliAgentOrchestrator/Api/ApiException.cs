namespace CliAgentOrchestrator.Api;

/// <summary>
/// A failure the caller can act on: it becomes <c>{"detail": Message}</c> with <see cref="StatusCode"/>,
/// and is logged without a stack trace. Services throw it for user mistakes (unknown terminal,
/// bad working directory); everything else is a 500.
/// </summary>
public class ApiException(int statusCode, string message, object? detail = null) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    /// <summary>A structured <c>detail</c> (run-step answers <c>{message, kind, terminal_id}</c>); null means the message.</summary>
    public object? Detail { get; } = detail;

    public static ApiException NotFound(string message) => new(StatusCodes.Status404NotFound, message);
    public static ApiException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);
    public static ApiException Conflict(string message) => new(StatusCodes.Status409Conflict, message);
    public static ApiException Invalid(string message) => new(StatusCodes.Status422UnprocessableEntity, message);
}
