using CliAgentOrchestrator.Plugins;

[assembly: CaoPlugin("reloadable", typeof(Cao.TestPlugins.ReloadablePlugin))]

namespace Cao.TestPlugins;

/// <summary>
/// Two builds of one plugin (same assembly, same entry point): this project is build "v1", the
/// project Cao.TestPlugins.Reloadable.V2 compiles the same file as "v2". Tests swap one for the other
/// under a running host and see from the records which build got which event.
/// </summary>
public sealed class ReloadablePlugin : CaoPlugin
{
#if V2
    private const string Build = "v2";
#else
    private const string Build = "v1";
#endif

    public override Task SetupAsync(CancellationToken cancellationToken)
    {
        Record("setup");
        return Task.CompletedTask;
    }

    /// <summary>Records, then waits for the test's "teardown" gate (open at once when the test set none).</summary>
    public override async Task TeardownAsync(CancellationToken cancellationToken)
    {
        Record("teardown");
        await Probe.Gate("teardown", cancellationToken);
    }

    [Hook(EventTypes.PostSendMessage)]
    public Task OnMessageAsync(PostSendMessageEvent e)
    {
        if (e.Message == "boom")
            throw new InvalidOperationException($"{Build} refuses to handle boom");
        Record($"message {e.Message} from {e.Sender}");
        return Task.CompletedTask;
    }

    [PreHook(EventTypes.PreSendMessage, FailClosed = true)]
    public Task<HookDecision> ScreenAsync(PreSendMessageEvent e) =>
        Task.FromResult(e.Message.Contains("forbidden", StringComparison.Ordinal)
            ? HookDecision.Deny($"{Build} does not pass 'forbidden'", "forbidden_word")
            : HookDecision.Allow);

    // Into the test bed's journal and, when the setting "records" names a file (a test of a real server), into that file.
    private void Record(string line)
    {
        Probe.Record("reloadable", $"{Build} {line}");
        if (Context.Settings.TryGetValue("records", out var file))
            File.AppendAllText(file, $"{Build} {line}\n");
    }
}
