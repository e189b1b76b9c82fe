using CliAgentOrchestrator.Plugins;

namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>
/// A synthetic event sent to one plugin by <c>cao plugin test</c>: it travels through the plugin's
/// own queue like any event (so it keeps the plugin's order and waits out a reload), and the reader
/// reports here what each hook did with it.
/// </summary>
internal sealed class HookTrial(CaoEvent e)
{
    private readonly TaskCompletionSource<IReadOnlyList<HookOutcome>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CaoEvent Event { get; } = e;

    public Task<IReadOnlyList<HookOutcome>> Outcomes => _done.Task;

    public void Report(IReadOnlyList<HookOutcome> outcomes) => _done.TrySetResult(outcomes);

    /// <summary>The event never reached the hooks: dropped from a full queue, or still queued at shutdown.</summary>
    public void Lost(string reason) => _done.TrySetException(new PluginTrialException(reason));
}
