using CliAgentOrchestrator.Plugins;

namespace Cao.TestPlugins;

/// <summary>Hooks that throw, hang, or cannot be called, beside hooks that work.</summary>
public sealed class FaultyHooksPlugin : CaoPlugin
{
    [Hook(EventTypes.PostSendMessage)]
    public Task ThrowsAsync(PostSendMessageEvent e) => throw new InvalidOperationException("hook exploded");

    [Hook(EventTypes.PostSendMessage)]
    public Task AfterThrowAsync(PostSendMessageEvent e)
    {
        Probe.Record("faulty_hooks", "after_throw " + e.Message);
        return Task.CompletedTask;
    }

    [Hook(EventTypes.PostSendMessage)]
    public ValueTask SecondOnSameEventAsync(PostSendMessageEvent e, CancellationToken cancellationToken)
    {
        Probe.Record("faulty_hooks", "second " + e.Message);
        return ValueTask.CompletedTask;
    }

    /// <summary>Never completes and ignores cancellation: only the host's timeout gets past it.</summary>
    [Hook(EventTypes.PostKillTerminal)]
    public async Task HangsAsync(PostKillTerminalEvent e, CancellationToken cancellationToken)
    {
        Probe.Record("faulty_hooks", "hang_started " + e.TerminalId);
        await using (cancellationToken.Register(() => Probe.Record("faulty_hooks", "hang_cancelled " + e.TerminalId)))
            await new TaskCompletionSource().Task;
    }

    [Hook(EventTypes.PostKillTerminal)]
    public Task AfterHangAsync(PostKillTerminalEvent e)
    {
        Probe.Record("faulty_hooks", "after_hang " + e.TerminalId);
        return Task.CompletedTask;
    }

    [Hook(EventTypes.PostSendMessage)]
    public Task BadSignatureAsync(string message) => Task.CompletedTask;

    [Hook("post_send_mesage")]
    public Task MisspeltAsync(PostSendMessageEvent e) => Task.CompletedTask;

    [Hook(EventTypes.PostCreateSession)]
    public void NotAsync(PostCreateSessionEvent e)
    {
    }
}
