using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CliAgentOrchestrator.EndToEnd.Tests.FakeModel;

/// <summary>Writes Server-Sent Events (<c>event:</c> + <c>data:</c> JSON), flushing each so the CLI sees it at once.</summary>
public sealed class SseWriter(HttpResponse response)
{
    /// <summary>Sets the streaming headers; call before the first event.</summary>
    public static SseWriter Begin(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        return new SseWriter(response);
    }

    public async Task WriteAsync(string eventName, JsonObject data)
    {
        await response.WriteAsync($"event: {eventName}\ndata: {data.ToJsonString(JsonOptions)}\n\n");
        await response.Body.FlushAsync();
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
