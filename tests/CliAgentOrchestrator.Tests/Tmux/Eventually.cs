namespace CliAgentOrchestrator.Tests.Tmux;

/// <summary>
/// Waits for a condition by polling, with a generous deadline: on a loaded two-core machine
/// tmux and bash can be slow, but a passing test never depends on a fixed sleep.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        Support.Poll.UntilAsync(condition, what, timeout ?? DefaultTimeout);

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeout);

    /// <summary>Polls until the window's last non-blank line is the test bash prompt.</summary>
    public static Task PromptAsync(CliAgentOrchestrator.Core.Tmux.TmuxClient tmux, CliAgentOrchestrator.Core.Tmux.TmuxTarget target) =>
        TrueAsync(async () =>
        {
            var screen = await tmux.CapturePaneAsync(target, CliAgentOrchestrator.Core.Tmux.CaptureRange.Visible);
            return screen.Split('\n').LastOrDefault(l => l.Trim().Length > 0)?.TrimEnd() == "$";
        }, $"bash prompt in {target}");

    /// <summary>Polls the window's screen until it contains <paramref name="text"/>; returns that screen.</summary>
    public static async Task<string> ScreenContainsAsync(CliAgentOrchestrator.Core.Tmux.TmuxClient tmux, CliAgentOrchestrator.Core.Tmux.TmuxTarget target, string text)
    {
        var screen = "";
        await TrueAsync(async () =>
        {
            screen = await tmux.CapturePaneAsync(target, CliAgentOrchestrator.Core.Tmux.CaptureRange.WithHistory(200));
            return screen.Contains(text, StringComparison.Ordinal);
        }, $"screen of {target} to contain '{text}'");
        return screen;
    }
}
