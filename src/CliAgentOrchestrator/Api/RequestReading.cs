using CliAgentOrchestrator.Core.Errors;
using System.Text.Json;

namespace CliAgentOrchestrator.Api;

/// <summary>Reading the Python API's inputs: optional JSON bodies, required query values, csv lists, booleans.</summary>
public static class RequestReading
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The JSON body as <typeparamref name="T"/>, or null when the request has none.</summary>
    public static async Task<T?> OptionalBodyAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding")))
            return null;
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, Json, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new InvalidRequestException($"Request body is not valid JSON for this route: {ex.Message}");
        }
    }

    public static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidParameterException($"Query parameter '{name}' is required") : value;

    public static IReadOnlyList<string>? CsvList(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static bool Flag(string? value, string name) => value?.ToLowerInvariant() switch
    {
        null or "" or "false" or "0" or "no" => false,
        "true" or "1" or "yes" => true,
        _ => throw new InvalidParameterException($"Query parameter '{name}' must be true or false, not '{value}'"),
    };
}
