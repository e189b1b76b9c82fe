using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CliAgentOrchestrator.EndToEnd.Tests.FakeModel;

/// <summary>
/// Google's Gemini API as Gemini CLI calls it (through <c>GOOGLE_GEMINI_BASE_URL</c>):
/// <c>POST /v1beta/models/{model}:streamGenerateContent?alt=sse</c> (SSE, one <c>data:</c> line per chunk),
/// <c>:generateContent</c> (one JSON answer) and <c>:countTokens</c>, with the answer chosen by <see cref="ModelScript"/>.
/// </summary>
public static class GeminiGenerateContentApi
{
    /// <summary>The path prefix of every route.</summary>
    public const string PathPrefix = "/v1beta/models/";

    public static void Map(IEndpointRouteBuilder app, Action<SentAnswer> sent)
    {
        // "{model}:{method}" is one path segment: routed as a whole and split here.
        app.MapPost(PathPrefix + "{*call}", async (HttpContext context, string call) =>
        {
            var colon = call.LastIndexOf(':');
            var (model, method) = colon < 0 ? (call, "") : (call[..colon], call[(colon + 1)..]);
            if (method == "countTokens")
            {
                await context.Response.WriteAsJsonAsync(new { totalTokens = 42 });
                return;
            }
            if (method is not ("generateContent" or "streamGenerateContent"))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                await context.Response.WriteAsJsonAsync(new { error = new { code = 404, message = $"the fake model server has no method '{method}'", status = "NOT_FOUND" } });
                return;
            }
            var request = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            var turn = Decide(request);
            if (method == "streamGenerateContent") await StreamAsync(context.Response, turn, model);
            else await context.Response.WriteAsync(Chunk(turn.ToolName is null ? [Text(turn.Text)] : [Call(turn)], model, final: true).ToJsonString(JsonOptions));
            sent(new SentAnswer("gemini", turn, DateTime.UtcNow));
        });
    }

    /// <summary>The turn for a request: the newest user text with a directive, and a trailing function response.</summary>
    public static ModelTurn Decide(JsonObject request)
    {
        var contents = request["contents"]?.AsArray() ?? [];
        string? directiveText = null;
        string? toolResult = null;
        for (var i = contents.Count - 1; i >= 0 && directiveText is null; i--)
        {
            if (contents[i]?["role"]?.GetValue<string>() is not ("user" or null)) continue;
            foreach (var part in contents[i]!["parts"]?.AsArray() ?? [])
            {
                if (part?["functionResponse"] is JsonObject response && i == contents.Count - 1)
                    toolResult ??= ResponseText(response["response"]);
                if (part?["text"] is JsonValue text && ModelScript.HasDirective(text.GetValue<string>()))
                    directiveText = text.GetValue<string>();
            }
        }
        var tools = (request["tools"]?.AsArray() ?? [])
            .SelectMany(t => t?["functionDeclarations"]?.AsArray() ?? [])
            .Select(d => d?["name"]?.GetValue<string>()).OfType<string>().ToList();
        return ModelScript.Decide(directiveText, toolResult, tools);
    }

    // A function response is an object ({"output": "…"} or the MCP result's content); its text parts joined,
    // else the whole object as JSON.
    private static string ResponseText(JsonNode? response)
    {
        if (response?["output"] is JsonValue output) return output.GetValue<string>();
        var texts = (response?["content"] as JsonArray ?? []).Select(c => c?["text"]?.GetValue<string>()).OfType<string>().ToList();
        return texts.Count > 0 ? string.Concat(texts) : response?.ToJsonString() ?? "";
    }

    private static async Task StreamAsync(HttpResponse response, ModelTurn turn, string model)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        if (turn.ToolName is not null)
        {
            await WriteEventAsync(response, Chunk([Call(turn)], model, final: true));
            return;
        }
        for (var i = 0; i < turn.Chunks.Count; i++)
        {
            if (turn.ChunkDelay > TimeSpan.Zero) await Task.Delay(turn.ChunkDelay);
            await WriteEventAsync(response, Chunk([Text(turn.Chunks[i])], model, final: i == turn.Chunks.Count - 1));
        }
        if (turn.Chunks.Count == 0) await WriteEventAsync(response, Chunk([Text("")], model, final: true));
    }

    private static async Task WriteEventAsync(HttpResponse response, JsonObject chunk)
    {
        await response.WriteAsync($"data: {chunk.ToJsonString(JsonOptions)}\r\n\r\n");
        await response.Body.FlushAsync();
    }

    private static JsonObject Text(string text) => new() { ["text"] = text };

    private static JsonObject Call(ModelTurn turn) => new()
    {
        ["functionCall"] = new JsonObject { ["name"] = turn.ToolName, ["args"] = JsonNode.Parse(turn.ToolArgumentsJson ?? "{}") },
    };

    // One GenerateContentResponse: the last chunk carries the finish reason and the usage.
    private static JsonObject Chunk(IEnumerable<JsonObject> parts, string model, bool final)
    {
        var candidate = new JsonObject
        {
            ["content"] = new JsonObject { ["role"] = "model", ["parts"] = new JsonArray([.. parts]) },
            ["index"] = 0,
        };
        if (final) candidate["finishReason"] = "STOP";
        var chunk = new JsonObject { ["candidates"] = new JsonArray(candidate), ["modelVersion"] = model };
        if (final) chunk["usageMetadata"] = new JsonObject { ["promptTokenCount"] = 10, ["candidatesTokenCount"] = 5, ["totalTokenCount"] = 15 };
        return chunk;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
