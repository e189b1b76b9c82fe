namespace CliAgentOrchestrator.Client;

/// <summary>cao-server answered with an error, or could not be reached; the message is one line a user can act on.</summary>
public sealed class CaoApiException(string message, int? statusCode = null, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The HTTP status, or null when the server could not be reached.</summary>
    public int? StatusCode { get; } = statusCode;
}
