using System.Diagnostics;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Core.PluginHosting.Isolation;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.PluginHosting.Isolation;

/// <summary>
/// <c>cao plugin-host</c> spoken to line by line, as docs/plugin-protocol.md tells a runner author, with
/// no StreamJsonRpc on this side: what the page promises about tools is what the runner answers.
/// </summary>
public sealed class PluginProtocolWireTests
{
    [Fact]
    public async Task TheRunnerDescribesItsToolsInSetupAndAnswersToolCallsAsDocumented()
    {
        await using var bed = new PluginTestBed();
        var folder = bed.Install(IsolatedPluginBed.Crashing);
        var command = RunnerCommand.Current();
        var start = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments)
            start.ArgumentList.Add(argument);
        foreach (var argument in new[] { "plugin-host", "--plugin", folder, "--parent-pid", Environment.ProcessId.ToString() })
            start.ArgumentList.Add(argument);
        using var child = Process.Start(start)!;
        child.ErrorDataReceived += (_, _) => { }; // free text; drained so the child never blocks on it
        child.BeginErrorReadLine();
        try
        {
            // Sends one request and reads lines until its answer, past the child's log notifications.
            async Task<JsonObject> AskAsync(int id, string method, string parameters)
            {
                await child.StandardInput.WriteLineAsync($$"""{"jsonrpc":"2.0","id":{{id}},"method":"{{method}}","params":{{parameters}}}""");
                await child.StandardInput.FlushAsync();
                while (true)
                {
                    var line = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(90));
                    Assert.NotNull(line);
                    var message = JsonNode.Parse(line)!.AsObject();
                    if (message["method"] is null && message["id"]?.GetValue<int>() == id)
                        return message;
                }
            }

            var hello = (await AskAsync(1, "initialize", """{"protocol_version":1,"sdk_version":"1.0.0","server":"a-test","capabilities":["log"]}"""))["result"]!;
            var setup = (await AskAsync(2, "setup", $$"""{"plugin":"crasher","folder":{{JsonValue.Create(folder).ToJsonString()}},"linked":false,"settings":{},"setup_timeout_ms":30000,"teardown_timeout_ms":10000,"tool_timeout_ms":30000}"""))["result"]!;
            var whoami = await AskAsync(3, "tool.call", """{"name":"crasher_whoami","arguments":{},"terminal_id":"bbbb2222"}""");
            var unknown = await AskAsync(4, "tool.call", """{"name":"crasher_nothing","arguments":{},"terminal_id":null}""");
            var notAnObject = await AskAsync(5, "tool.call", """{"name":"crasher_whoami","arguments":[1],"terminal_id":null}""");
            var teardown = await AskAsync(6, "teardown", "{}");
            child.StandardInput.Close();
            await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Contains("tool.call", hello["capabilities"]!.AsArray().Select(c => c!.GetValue<string>()));
            var pid = hello["pid"]!.GetValue<int>();
            var tools = setup["tools"]!.AsArray().Select(t => t!.AsObject()).ToList();
            Assert.Equal(["exit", "hang", "whoami"], tools.Select(t => t["name"]!.GetValue<string>()).Order());
            var described = tools.Single(t => t["name"]!.GetValue<string>() == "whoami");
            Assert.Equal("crasher_whoami", described["qualified_name"]!.GetValue<string>());
            Assert.Equal("The calling terminal and the process the tool runs in", described["description"]!.GetValue<string>());
            Assert.Equal("object", described["input_schema"]!["type"]!.GetValue<string>());
            Assert.Empty(setup["refused_tools"]!.AsArray());
            Assert.Equal($"bbbb2222 pid={pid}", whoami["result"]!["text"]!.GetValue<string>());
            Assert.False(whoami["result"]!["is_error"]!.GetValue<bool>());
            Assert.Equal(-32006, unknown["error"]!["code"]!.GetValue<int>());
            Assert.True(notAnObject["result"]!["is_error"]!.GetValue<bool>());
            Assert.Equal("Invalid arguments for crasher_whoami: the arguments must be an object", notAnObject["result"]!["text"]!.GetValue<string>());
            Assert.NotNull(teardown["result"]);
            Assert.Equal(0, child.ExitCode);
        }
        finally
        {
            if (!child.HasExited)
                child.Kill(entireProcessTree: true);
        }
    }
}
