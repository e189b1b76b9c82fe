namespace CliAgentOrchestrator.EndToEnd.Tests.FakeModel;

/// <summary>The directives a prompt gives the fake model.</summary>
public sealed class ModelScriptTests
{
    [Fact]
    public void A_tool_directive_calls_the_offered_tool_with_its_json_and_later_replies_with_the_result()
    {
        const string prompt = """[[tool: send_message {"receiver_id":"ab12cd34","message":"hi {there} [[reply: W]]"}]] [[reply: sent: {result}]]""";

        var call = ModelScript.Decide(prompt, null, ["Bash", "mcp__cao-mcp-server__send_message"]);
        var reply = ModelScript.Decide(prompt, "delivered", ["mcp__cao-mcp-server__send_message"]);

        Assert.Equal("mcp__cao-mcp-server__send_message", call.ToolName);
        Assert.Equal("""{"receiver_id":"ab12cd34","message":"hi {there} [[reply: W]]"}""", call.ToolArgumentsJson);
        Assert.Equal("sent: delivered", reply.Text);
    }

    [Fact]
    public void A_tool_directive_misses_only_in_a_turn_that_offers_tools_but_not_that_one()
    {
        const string prompt = """[[tool: handoff {"agent_profile":"developer"}]] [[reply: done]]""";

        Assert.StartsWith(ModelScript.NoToolAnswer + " handoff", ModelScript.Decide(prompt, null, ["Bash", "Read"]).Text);
        Assert.Equal("OK", ModelScript.Decide(prompt, null, []).Text); // a side request, e.g. a session title
    }
}
