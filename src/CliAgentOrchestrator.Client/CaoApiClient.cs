using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CliAgentOrchestrator.Client;

/// <summary>
/// A small HTTP client of cao-server, used by the <c>cao</c> command line and the in-session MCP
/// server. Errors become <see cref="CaoApiException"/> carrying the server's <c>detail</c>.
/// </summary>
public sealed class CaoApiClient(HttpClient http) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>A client of the server listening on <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static CaoApiClient Connect(string host, int port, TimeSpan? timeout = null)
    {
        // A server bound to every interface is reached on loopback.
        var reachable = host is "0.0.0.0" or "::" ? "127.0.0.1" : host;
        return new CaoApiClient(new HttpClient
        {
            BaseAddress = new Uri($"http://{reachable}:{port}"),
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        });
    }

    public Uri BaseAddress => http.BaseAddress!;

    public Task<JsonNode?> GetAsync(string path, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public Task<JsonNode?> PostAsync(string path, object? body = null, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) }, cancellationToken);

    public Task<JsonNode?> DeleteAsync(string path, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, path), cancellationToken);

    /// <summary>Builds <c>path?k=v&amp;…</c>, leaving out null values.</summary>
    public static string Query(string path, params (string Key, object? Value)[] parameters)
    {
        var pairs = parameters.Where(p => p.Value is not null)
            .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(Format(p.Value!))}");
        var query = string.Join('&', pairs);
        return query.Length == 0 ? path : $"{path}?{query}";
    }

    private static string Format(object value) => value switch
    {
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private async Task<JsonNode?> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw new CaoApiException($"Failed to connect to cao-server at {http.BaseAddress}: {ex.Message}. Is it running? Start it with `cao server`.", null, ex);
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CaoApiException($"cao-server at {http.BaseAddress} did not answer {request.Method} {request.RequestUri} within {http.Timeout.TotalSeconds:0}s", null, ex);
            }
            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                var body = text.Length == 0 ? null : TryParse(text);
                if (response.IsSuccessStatusCode)
                    return body;
                var detail = body?["detail"] is { } d ? (d is JsonValue v && v.TryGetValue<string>(out var s) ? s : d.ToJsonString()) : text;
                throw new CaoApiException($"{(int)response.StatusCode}: {detail}", (int)response.StatusCode);
            }
        }
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    public void Dispose() => http.Dispose();
}
