using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CliAgentOrchestrator.EndToEnd.Tests.FakeModel;

/// <summary>
/// <c>POST /v1/messages</c> (streamed or not) and <c>/v1/messages/count_tokens</c>, as Anthropic's
/// Messages API answers them, with the answer chosen by <see cref="ModelScript"/>.
/// </summary>
public static class AnthropicMessagesApi
{
    public static void Map(IEndpointRouteBuilder app, Action<SentAnswer> sent)
    {
        app.MapPost("/v1/messages/count_tokens", () => Results.Json(new { input_tokens = 42 }));
        app.MapPost("/v1/messages", async context =>
        {
            var request = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            var turn = Decide(request);
            var model = request["model"]?.GetValue<string>() ?? "fake-model";
            if (request["stream"]?.GetValue<bool>() == true) await StreamAsync(context.Response, turn, model);
            else await context.Response.WriteAsJsonAsync(WholeMessage(turn, model));
            sent(new SentAnswer("anthropic", turn, DateTime.UtcNow));
        });
    }

    /// <summary>The turn for a Messages request: the newest user text with a directive, and a trailing tool result.</summary>
    public static ModelTurn Decide(JsonObject request)
    {
        var messages = request["messages"]?.AsArray() ?? [];
        string? directiveText = null;
        string? toolResult = null;
        for (var i = messages.Count - 1; i >= 0 && directiveText is null; i--)
        {
            if (messages[i]?["role"]?.GetValue<string>() != "user") continue;
            foreach (var (kind, text) in Blocks(messages[i]!["content"]))
            {
                if (kind == "tool_result" && i == messages.Count - 1) toolResult ??= text;
                if (kind == "text" && ModelScript.HasDirective(text)) directiveText = text;
            }
        }
        var tools = (request["tools"]?.AsArray() ?? []).Select(t => t?["name"]?.GetValue<string>()).OfType<string>().ToList();
        return ModelScript.Decide(directiveText, toolResult, tools);
    }

    // (kind, text) of each content block: "text" blocks and "tool_result" blocks (their text joined).
    private static IEnumerable<(string Kind, string Text)> Blocks(JsonNode? content)
    {
        if (content is JsonValue value) { yield return ("text", value.GetValue<string>()); yield break; }
        foreach (var block in content?.AsArray() ?? [])
        {
            var type = block?["type"]?.GetValue<string>();
            if (type == "text") yield return ("text", block!["text"]!.GetValue<string>());
            else if (type == "tool_result") yield return ("tool_result", string.Concat(Blocks(block!["content"]).Select(b => b.Text)));
        }
    }

    private static async Task StreamAsync(HttpResponse response, ModelTurn turn, string model)
    {
        var sse = SseWriter.Begin(response);
        var id = "msg_" + Guid.NewGuid().ToString("N")[..16];
        await sse.WriteAsync("message_start", new JsonObject
        {
            ["type"] = "message_start",
            ["message"] = new JsonObject
            {
                ["id"] = id, ["type"] = "message", ["role"] = "assistant", ["model"] = model,
                ["content"] = new JsonArray(), ["stop_reason"] = null, ["stop_sequence"] = null,
                ["usage"] = new JsonObject { ["input_tokens"] = 10, ["output_tokens"] = 1 },
            },
        });
        if (turn.ToolName is { } tool)
        {
            await sse.WriteAsync("content_block_start", new JsonObject
            {
                ["type"] = "content_block_start", ["index"] = 0,
                ["content_block"] = new JsonObject { ["type"] = "tool_use", ["id"] = "toolu_" + Guid.NewGuid().ToString("N")[..16], ["name"] = tool, ["input"] = new JsonObject() },
            });
            await sse.WriteAsync("content_block_delta", new JsonObject
            {
                ["type"] = "content_block_delta", ["index"] = 0,
                ["delta"] = new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = turn.ToolArgumentsJson },
            });
        }
        else
        {
            await sse.WriteAsync("content_block_start", new JsonObject
            {
                ["type"] = "content_block_start", ["index"] = 0, ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" },
            });
            foreach (var chunk in turn.Chunks)
            {
                if (turn.ChunkDelay > TimeSpan.Zero) await Task.Delay(turn.ChunkDelay);
                await sse.WriteAsync("content_block_delta", new JsonObject
                {
                    ["type"] = "content_block_delta", ["index"] = 0, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = chunk },
                });
            }
        }
        await sse.WriteAsync("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = 0 });
        await sse.WriteAsync("message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = turn.ToolName is null ? "end_turn" : "tool_use", ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = Math.Max(1, turn.Chunks.Count) },
        });
        await sse.WriteAsync("message_stop", new JsonObject { ["type"] = "message_stop" });
    }

    private static JsonObject WholeMessage(ModelTurn turn, string model)
    {
        JsonNode block = turn.ToolName is { } tool
            ? new JsonObject { ["type"] = "tool_use", ["id"] = "toolu_" + Guid.NewGuid().ToString("N")[..16], ["name"] = tool, ["input"] = JsonNode.Parse(turn.ToolArgumentsJson ?? "{}") }
            : new JsonObject { ["type"] = "text", ["text"] = turn.Text };
        return new JsonObject
        {
            ["id"] = "msg_" + Guid.NewGuid().ToString("N")[..16], ["type"] = "message", ["role"] = "assistant", ["model"] = model,
            ["content"] = new JsonArray(block), ["stop_reason"] = turn.ToolName is null ? "end_turn" : "tool_use", ["stop_sequence"] = null,
            ["usage"] = new JsonObject { ["input_tokens"] = 10, ["output_tokens"] = Math.Max(1, turn.Chunks.Count) },
        };
    }
}
