using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CliAgentOrchestrator.Client;

/// <summary>
/// A small HTTP client of cao-server, used by the <c>cao</c> command line and the in-session MCP
/// server. Errors become <see cref="CaoApiException"/> carrying the server's <c>detail</c>.
/// </summary>
/// <param name="http">The connection; its own timeout applies when <paramref name="requestTimeout"/> is null.</param>
/// <param name="requestTimeout">How long one request may take unless the call gives its own limit.</param>
public sealed class CaoApiClient(HttpClient http, TimeSpan? requestTimeout = null) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>A client of the server listening on <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static CaoApiClient Connect(string host, int port, TimeSpan? timeout = null)
    {
        // A server bound to every interface is reached on loopback.
        var reachable = host is "0.0.0.0" or "::" ? "127.0.0.1" : host;
        // The limit is kept per request, so a call that waits longer on purpose (handoff) can say so.
        return new CaoApiClient(
            new HttpClient { BaseAddress = new Uri($"http://{reachable}:{port}"), Timeout = Timeout.InfiniteTimeSpan },
            timeout ?? TimeSpan.FromSeconds(30));
    }

    public Uri BaseAddress => http.BaseAddress!;

    public Task<JsonNode?> GetAsync(string path, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), requestTimeout, cancellationToken);

    public Task<JsonNode?> PostAsync(string path, object? body = null, CancellationToken cancellationToken = default) =>
        PostAsync(path, body, requestTimeout, cancellationToken);

    /// <summary>A POST that may take up to <paramref name="timeout"/> instead of the usual request limit.</summary>
    public Task<JsonNode?> PostAsync(string path, object? body, TimeSpan? timeout, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) }, timeout, cancellationToken);

    public Task<JsonNode?> DeleteAsync(string path, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, path), requestTimeout, cancellationToken);

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

    private async Task<JsonNode?> SendAsync(HttpRequestMessage request, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        using (request)
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            if (timeout is { } bound)
                limit.CancelAfter(bound);
            var seconds = (timeout ?? http.Timeout).TotalSeconds;
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, limit.Token).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw new CaoApiException($"Failed to connect to cao-server at {http.BaseAddress}: {ex.Message}. Is it running? Start it with `cao server`.", null, ex);
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CaoApiException($"cao-server at {http.BaseAddress} did not answer {request.Method} {request.RequestUri} within {seconds:0}s", null, ex);
            }
            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(limit.Token).ConfigureAwait(false);
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
