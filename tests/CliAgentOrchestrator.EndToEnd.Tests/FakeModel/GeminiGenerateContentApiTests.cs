using System.Text.Json.Nodes;

namespace CliAgentOrchestrator.EndToEnd.Tests.FakeModel;

/// <summary>How the fake Gemini API reads a request as Gemini CLI 0.61 sends it.</summary>
public sealed class GeminiGenerateContentApiTests
{
    private static JsonObject Request(params JsonObject[] contents) => new()
    {
        ["contents"] = new JsonArray([.. contents]),
        ["tools"] = new JsonArray(new JsonObject
        {
            ["functionDeclarations"] = new JsonArray(new JsonObject { ["name"] = "read_file" }, new JsonObject { ["name"] = "mcp_cao-mcp-server_send_message" }),
        }),
    };

    private static JsonObject User(JsonObject part) => new() { ["role"] = "user", ["parts"] = new JsonArray(part) };

    [Fact]
    public void A_tool_directive_calls_the_offered_mcp_tool_by_its_full_name()
    {
        var turn = GeminiGenerateContentApi.Decide(Request(
            User(new JsonObject { ["text"] = "<session_context>…</session_context>" }),
            User(new JsonObject { ["text"] = """[[tool: send_message {"receiver_id":"ab12cd34","message":"hi"}]] [[reply: Sent.]]""" })));
        Assert.Equal("mcp_cao-mcp-server_send_message", turn.ToolName);
        Assert.Equal("""{"receiver_id":"ab12cd34","message":"hi"}""", turn.ToolArgumentsJson);
    }

    [Fact]
    public void Once_the_function_response_is_back_the_reply_carries_its_text()
    {
        var turn = GeminiGenerateContentApi.Decide(Request(
            User(new JsonObject { ["text"] = """[[tool: send_message {"receiver_id":"x","message":"hi"}]] [[reply: Got {result}]]""" }),
            new JsonObject { ["role"] = "model", ["parts"] = new JsonArray(new JsonObject { ["functionCall"] = new JsonObject { ["name"] = "mcp_cao-mcp-server_send_message", ["args"] = new JsonObject() } }) },
            User(new JsonObject { ["functionResponse"] = new JsonObject { ["name"] = "mcp_cao-mcp-server_send_message", ["response"] = new JsonObject { ["output"] = "delivered" } } })));
        Assert.Null(turn.ToolName);
        Assert.Equal("Got delivered", turn.Text);
    }
}
