using System.Reflection;
using CliAgentOrchestrator.Plugins;

namespace Cao.MyPlugin.Tests;

// The plugin is tested on its own, the way CAO drives it: construct, set up, call hooks, tear down.
// CAO's own tests cover discovery and dispatch; these cover what the plugin does.
public sealed class MyPluginTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("my_plugin-tests-").FullName;

    [Fact]
    public async Task EachHookWritesOneLineToTheLogFile()
    {
        var logFile = Path.Combine(_folder, "events.log");
        var plugin = new MyPlugin { Context = new PluginContext { Settings = Settings(("log_file", logFile), ("prefix", "test")) } };

        await plugin.SetupAsync(CancellationToken.None);
        await plugin.OnSendMessageAsync(new PostSendMessageEvent { Sender = "a1b2c3d4", Receiver = "e5f6a7b8", Message = "hi", OrchestrationType = OrchestrationTypes.SendMessage }, CancellationToken.None);
        await plugin.OnCreateSessionAsync(new PostCreateSessionEvent { SessionName = "cao-demo" }, CancellationToken.None);
        await plugin.OnKillSessionAsync(new PostKillSessionEvent { SessionName = "cao-demo" }, CancellationToken.None);
        await plugin.OnCreateTerminalAsync(new PostCreateTerminalEvent { TerminalId = "a1b2c3d4", Provider = "claude_code", AgentName = "developer" }, CancellationToken.None);
        await plugin.OnKillTerminalAsync(new PostKillTerminalEvent { TerminalId = "a1b2c3d4" }, CancellationToken.None);
        await plugin.OnTerminalStatusChangeAsync(new PostTerminalStatusChangeEvent { TerminalId = "a1b2c3d4", AgentName = "developer", PreviousStatus = "processing", Status = "completed" }, CancellationToken.None);
        await plugin.OnQueueMessageAsync(new PostQueueMessageEvent { MessageId = 7, Sender = "a1b2c3d4", Receiver = "e5f6a7b8" }, CancellationToken.None);
        await plugin.OnFailMessageAsync(new PostFailMessageEvent { MessageId = 7, Receiver = "e5f6a7b8", Reason = "receiver terminal e5f6a7b8 no longer exists" }, CancellationToken.None);
        await plugin.TeardownAsync(CancellationToken.None);

        Assert.Equal(
            [
                "[test] a1b2c3d4 -> e5f6a7b8 (send_message): hi",
                "[test] session cao-demo created",
                "[test] session cao-demo killed",
                "[test] terminal a1b2c3d4 created (claude_code, agent developer)",
                "[test] terminal a1b2c3d4 killed",
                "[test] terminal a1b2c3d4 (developer) processing -> completed",
                "[test] message 7 queued a1b2c3d4 -> e5f6a7b8",
                "[test] message 7 to e5f6a7b8 failed: receiver terminal e5f6a7b8 no longer exists",
            ],
            File.ReadAllLines(logFile));
    }

    [Fact]
    public async Task HooksLogThroughTheContextLogger()
    {
        var logger = new ListLogger();
        var plugin = new MyPlugin { Context = new PluginContext { PluginName = "my_plugin", Logger = logger } };

        await plugin.SetupAsync(CancellationToken.None);
        await plugin.OnCreateSessionAsync(new PostCreateSessionEvent { SessionName = "cao-demo" }, CancellationToken.None);
        await plugin.TeardownAsync(CancellationToken.None);

        Assert.Equal(["my_plugin ready (log_file: none)", "[cao] session cao-demo created"], logger.Lines);
    }

    [Fact]
    public async Task TeardownIsSafeAfterAFailedSetup()
    {
        var unwritable = Path.Combine(_folder, "missing-folder", "events.log");
        var plugin = new MyPlugin { Context = new PluginContext { Settings = Settings(("log_file", unwritable)) } };

        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => plugin.SetupAsync(CancellationToken.None));
        await plugin.TeardownAsync(CancellationToken.None); // CAO would not call it, but it must not throw either
    }

    [Fact]
    public async Task PreHookBlocksOnlyTheConfiguredWord()
    {
        var plugin = new MyPlugin { Context = new PluginContext { Settings = Settings(("block_word", "password")) } };
        await plugin.SetupAsync(CancellationToken.None);

        var blocked = await plugin.CheckMessageAsync(new PreSendMessageEvent { Message = "the Password is hunter2" }, CancellationToken.None);
        var allowed = await plugin.CheckMessageAsync(new PreSendMessageEvent { Message = "hello" }, CancellationToken.None);

        Assert.Equal((HookDecisionKind.Deny, "blocked_word"), (blocked.Kind, blocked.Code));
        Assert.Equal(HookDecisionKind.Allow, allowed.Kind);
    }

    [Fact]
    public void EveryEventTypeHasAHookOrAPreHook()
    {
        var subscribed = typeof(MyPlugin).GetMethods()
            .SelectMany(m => m.GetCustomAttributes<HookAttribute>().Select(h => h.EventType)
                .Concat(m.GetCustomAttributes<PreHookAttribute>().Select(h => h.EventType)))
            .Order()
            .ToList();
        var all = typeof(EventTypes).GetFields().Select(f => (string)f.GetValue(null)!).Order().ToList();

        Assert.Equal(all, subscribed);
    }

    [Fact]
    public async Task TheNoteToolAnswersTheAgentAndRefusesAnEmptyNote()
    {
        var plugin = new MyPlugin();
        var context = new CaoToolContext { PluginName = "my_plugin", ToolName = "note", QualifiedName = "my_plugin_note", TerminalId = "a1b2c3d4" };

        var answer = await plugin.NoteAsync(new NoteArguments { Text = "use postgres" }, context, CancellationToken.None);

        Assert.Equal("noted (12 characters)", answer);
        await Assert.ThrowsAsync<ArgumentException>(() => plugin.NoteAsync(new NoteArguments { Text = " " }, context, CancellationToken.None));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Dictionary<string, string> Settings(params (string Key, string Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value, StringComparer.OrdinalIgnoreCase);
}
