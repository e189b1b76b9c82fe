using CliAgentOrchestrator.Plugins;
using Microsoft.Extensions.Logging;

[assembly: CaoPlugin("spend_cap", typeof(Cao.SpendCap.SpendCapPlugin))]

namespace Cao.SpendCap;

/// <summary>
/// Caps agent spending with pre-hooks: at most <c>max_messages_per_hour</c> messages from each
/// sender, and at most <c>max_workers_per_hour</c> workers started (assign/handoff) by each caller.
/// Set them in settings.json (<c>plugins.spend_cap</c>) or as <c>CAO_PLUGIN_SPEND_CAP_MAX_MESSAGES_PER_HOUR</c>
/// and <c>CAO_PLUGIN_SPEND_CAP_MAX_WORKERS_PER_HOUR</c>. It fails closed: if it cannot decide, nothing is spent.
/// </summary>
public sealed class SpendCapPlugin : CaoPlugin
{
    private SlidingWindowCounter _messages = null!;
    private SlidingWindowCounter _workers = null!;
    private int _maxMessages;
    private int _maxWorkers;

    /// <summary>The clock; tests replace it.</summary>
    internal TimeProvider Time { get; init; } = TimeProvider.System;

    public override Task SetupAsync(CancellationToken cancellationToken)
    {
        _maxMessages = ReadLimit("max_messages_per_hour", 100);
        _maxWorkers = ReadLimit("max_workers_per_hour", 20);
        _messages = new SlidingWindowCounter(Time, TimeSpan.FromHours(1));
        _workers = new SlidingWindowCounter(Time, TimeSpan.FromHours(1));
        Context.Logger.LogInformation("spend_cap: {Messages} messages and {Workers} workers per agent per hour", _maxMessages, _maxWorkers);
        return Task.CompletedTask;
    }

    [PreHook(EventTypes.PreSendMessage, Order = -100, FailClosed = true)]
    public ValueTask<HookDecision> CapMessagesAsync(PreSendMessageEvent e) =>
        ValueTask.FromResult(_messages.TryTake(e.Sender, _maxMessages)
            ? HookDecision.Allow
            : HookDecision.Deny($"{e.Sender} already sent {_maxMessages} messages in the last hour", "message_cap"));

    [PreHook(EventTypes.PreCreateTerminal, Order = -100, FailClosed = true)]
    public ValueTask<HookDecision> CapWorkersAsync(PreCreateTerminalEvent e) =>
        ValueTask.FromResult(e.CallerId is not { } caller || _workers.TryTake(caller, _maxWorkers)
            ? HookDecision.Allow
            : HookDecision.Deny($"{caller} already started {_maxWorkers} workers in the last hour", "worker_cap"));

    private int ReadLimit(string key, int fallback)
    {
        if (!Context.Settings.TryGetValue(key, out var text))
            return fallback;
        return int.TryParse(text, out var limit) && limit >= 0
            ? limit
            : throw new InvalidOperationException($"spend_cap setting '{key}' must be a whole number of at least 0, not '{text}'");
    }
}
