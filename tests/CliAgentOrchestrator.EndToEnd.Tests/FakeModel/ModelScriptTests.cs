namespace CliAgentOrchestrator.EndToEnd.Tests.FakeModel;

/// <summary>The directives of <see cref="ModelScript"/>, without any CLI.</summary>
public sealed class ModelScriptTests
{
    [Fact]
    public void A_tool_directive_calls_the_offered_tool_with_its_json_and_then_replies_with_the_result()
    {
        var prompt = """[[tool: bash {"command":"echo ]] {}","description":"echo"}]] [[reply: The tool said {result}]]""";

        var call = ModelScript.Decide(prompt, null, ["list_bash", "view"]);
        var answer = ModelScript.Decide(prompt, "hi", ["list_bash", "view"]);

        Assert.Equal("list_bash", call.ToolName);
        Assert.Equal("""{"command":"echo ]] {}","description":"echo"}""", call.ToolArgumentsJson);
        Assert.Equal("The tool said hi", answer.Text);
    }
}
