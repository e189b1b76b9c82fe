using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CliAgentOrchestrator.EndToEnd.Tests.FakeModel;

/// <summary>
/// <c>POST /v1/responses</c> streamed as OpenAI's Responses API does (the wire API Codex speaks), and
/// an empty <c>GET /v1/models</c>, with the answer chosen by <see cref="ModelScript"/>.
/// </summary>
public static class OpenAiResponsesApi
{
    public static void Map(IEndpointRouteBuilder app, Action<SentAnswer> sent)
    {
        app.MapGet("/v1/models", () => Results.Json(new { @object = "list", data = Array.Empty<object>() }));
        app.MapPost("/v1/responses", async context =>
        {
            var request = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            var turn = Decide(request);
            await StreamAsync(context.Response, turn, request["model"]?.GetValue<string>() ?? "fake-model");
            sent(new SentAnswer("openai-responses", turn, DateTime.UtcNow));
        });
    }

    /// <summary>The turn for a Responses request: the newest user text with a directive, and a trailing function output.</summary>
    public static ModelTurn Decide(JsonObject request)
    {
        var input = request["input"];
        var items = input is JsonArray array ? array : new JsonArray(new JsonObject { ["role"] = "user", ["content"] = input?.GetValue<string>() ?? "" });
        string? directiveText = null;
        string? toolResult = null;
        for (var i = items.Count - 1; i >= 0 && directiveText is null; i--)
        {
            var item = items[i];
            var type = item?["type"]?.GetValue<string>() ?? "message";
            if (type == "function_call_output" && i == items.Count - 1) toolResult = OutputText(item!["output"]);
            if (type != "message" || item?["role"]?.GetValue<string>() != "user") continue;
            foreach (var text in Texts(item!["content"]))
                if (ModelScript.HasDirective(text)) directiveText = text;
        }
        return ModelScript.Decide(directiveText, toolResult, OfferedTools(request));
    }

    /// <summary>
    /// The names of the offered tools. Codex (0.169) offers MCP tools grouped in a namespace
    /// (<c>{"type":"namespace","name":"mcp__cao_mcp_server","tools":[{"name":"send_message",…}]}</c>);
    /// those are listed as <c>namespace.tool</c> (a dot never occurs in a tool name of this API).
    /// </summary>
    public static List<string> OfferedTools(JsonObject request)
    {
        var names = new List<string>();
        foreach (var tool in request["tools"]?.AsArray() ?? [])
        {
            if (tool?["name"]?.GetValue<string>() is not { } name) continue;
            if (tool["type"]?.GetValue<string>() == "namespace")
                names.AddRange((tool["tools"]?.AsArray() ?? []).Select(t => t?["name"]?.GetValue<string>()).OfType<string>().Select(inner => name + "." + inner));
            else
                names.Add(name);
        }
        return names;
    }

    private static IEnumerable<string> Texts(JsonNode? content)
    {
        if (content is JsonValue value) { yield return value.GetValue<string>(); yield break; }
        foreach (var part in content?.AsArray() ?? [])
            if (part?["text"] is JsonValue text) yield return text.GetValue<string>();
    }

    private static string OutputText(JsonNode? output) =>
        output is JsonValue value ? value.GetValue<string>() : string.Concat(Texts(output));

    private static async Task StreamAsync(HttpResponse response, ModelTurn turn, string model)
    {
        var sse = SseWriter.Begin(response);
        var responseId = "resp_" + Guid.NewGuid().ToString("N")[..16];
        JsonObject Response(string status, JsonArray output) => new()
        {
            ["id"] = responseId, ["object"] = "response", ["created_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["status"] = status, ["model"] = model, ["output"] = output,
            ["usage"] = new JsonObject
            {
                ["input_tokens"] = 10, ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
                ["output_tokens"] = Math.Max(1, turn.Chunks.Count), ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
                ["total_tokens"] = 10 + Math.Max(1, turn.Chunks.Count),
            },
        };
        await sse.WriteAsync("response.created", new JsonObject { ["type"] = "response.created", ["response"] = Response("in_progress", []) });

        JsonObject done;
        if (turn.ToolName is { } tool)
        {
            var dot = tool.LastIndexOf('.');
            done = new JsonObject
            {
                ["type"] = "function_call", ["id"] = "fc_" + Guid.NewGuid().ToString("N")[..16], ["call_id"] = "call_" + Guid.NewGuid().ToString("N")[..16],
                ["name"] = dot < 0 ? tool : tool[(dot + 1)..], ["arguments"] = turn.ToolArgumentsJson ?? "{}", ["status"] = "completed",
            };
            // A tool of a namespace is called by its own name with the namespace beside it.
            if (dot >= 0) done["namespace"] = tool[..dot];
            await sse.WriteAsync("response.output_item.added", new JsonObject { ["type"] = "response.output_item.added", ["output_index"] = 0, ["item"] = done.DeepClone() });
        }
        else
        {
            var itemId = "msg_" + Guid.NewGuid().ToString("N")[..16];
            await sse.WriteAsync("response.output_item.added", new JsonObject
            {
                ["type"] = "response.output_item.added", ["output_index"] = 0,
                ["item"] = new JsonObject { ["type"] = "message", ["id"] = itemId, ["role"] = "assistant", ["status"] = "in_progress", ["content"] = new JsonArray() },
            });
            await sse.WriteAsync("response.content_part.added", new JsonObject
            {
                ["type"] = "response.content_part.added", ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0,
                ["part"] = new JsonObject { ["type"] = "output_text", ["text"] = "", ["annotations"] = new JsonArray() },
            });
            foreach (var chunk in turn.Chunks)
            {
                if (turn.ChunkDelay > TimeSpan.Zero) await Task.Delay(turn.ChunkDelay);
                await sse.WriteAsync("response.output_text.delta", new JsonObject
                {
                    ["type"] = "response.output_text.delta", ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0, ["delta"] = chunk,
                });
            }
            var part = new JsonObject { ["type"] = "output_text", ["text"] = turn.Text, ["annotations"] = new JsonArray() };
            await sse.WriteAsync("response.output_text.done", new JsonObject
            {
                ["type"] = "response.output_text.done", ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0, ["text"] = turn.Text,
            });
            await sse.WriteAsync("response.content_part.done", new JsonObject
            {
                ["type"] = "response.content_part.done", ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0, ["part"] = part.DeepClone(),
            });
            done = new JsonObject { ["type"] = "message", ["id"] = itemId, ["role"] = "assistant", ["status"] = "completed", ["content"] = new JsonArray(part) };
        }
        await sse.WriteAsync("response.output_item.done", new JsonObject { ["type"] = "response.output_item.done", ["output_index"] = 0, ["item"] = done.DeepClone() });
        await sse.WriteAsync("response.completed", new JsonObject { ["type"] = "response.completed", ["response"] = Response("completed", [done]) });
    }
}
