using System.Collections.Frozen;
using CliAgentOrchestrator.Plugins;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Core.PluginHosting.PreHooks;

/// <summary>
/// The awaited pre-hooks of all plugins, in order (<c>Order</c>, then plugin name, then declaration).
/// Each hook is bounded by its timeout; an exception or timeout counts as allow (fail open) or deny
/// (fail closed) as the plugin chose. The first denial stops the chain; a replaced message is what the
/// next hook sees and what is delivered. With no pre-hooks installed, screening costs a dictionary lookup.
/// </summary>
public sealed class PreHookChain(ILogger<PreHookChain> logger)
{
    private FrozenDictionary<string, PreHookInvoker[]> _chains = FrozenDictionary<string, PreHookInvoker[]>.Empty;

    /// <summary>Told (plugin, hook) when a pre-hook call is given up on while still running.</summary>
    internal Action<string, string>? Abandoned { get; set; }

    internal void Set(IEnumerable<PreHookInvoker> hooks) =>
        _chains = hooks.GroupBy(h => h.EventType)
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(h => h.Order).ThenBy(h => h.PluginName, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

    /// <summary>The pre-hooks as <c>event: plugin Type.Method (order n, fail open|closed)</c>, in chain order.</summary>
    public IReadOnlyList<string> Describe() =>
        _chains.SelectMany(c => c.Value.Select(h => $"{h.EventType}: {h.PluginName} {h.MethodName} (order {h.Order}, fail {(h.FailClosed ? "closed" : "open")})")).ToList();

    public ValueTask<MessageScreening> ScreenMessageAsync(PreSendMessageEvent e, CancellationToken cancellationToken)
    {
        if (!_chains.TryGetValue(EventTypes.PreSendMessage, out var chain))
            return ValueTask.FromResult(new MessageScreening(e.Message, null));
        return RunMessageChainAsync(chain, e, cancellationToken);
    }

    public async ValueTask<Denial?> ScreenTerminalAsync(PreCreateTerminalEvent e, CancellationToken cancellationToken)
    {
        if (!_chains.TryGetValue(EventTypes.PreCreateTerminal, out var chain))
            return null;
        foreach (var hook in chain)
        {
            var decision = await DecideAsync(hook, e, cancellationToken);
            if (decision.Kind == HookDecisionKind.Deny)
                return new Denial(hook.PluginName, decision.Reason ?? "no reason given", decision.Code);
            if (decision.Kind == HookDecisionKind.ReplaceMessage)
                logger.LogWarning("Plugin '{Plugin}' pre-hook '{Hook}' tried to replace a message on '{EventType}'; ignored", hook.PluginName, hook.MethodName, e.EventType);
        }
        return null;
    }

    private async ValueTask<MessageScreening> RunMessageChainAsync(PreHookInvoker[] chain, PreSendMessageEvent e, CancellationToken cancellationToken)
    {
        foreach (var hook in chain)
        {
            var decision = await DecideAsync(hook, e, cancellationToken);
            switch (decision.Kind)
            {
                case HookDecisionKind.Deny:
                    return new MessageScreening(e.Message, new Denial(hook.PluginName, decision.Reason ?? "no reason given", decision.Code));
                case HookDecisionKind.ReplaceMessage when decision.Message is not null:
                    e = e with { Message = decision.Message };
                    break;
            }
        }
        return new MessageScreening(e.Message, null);
    }

    private async ValueTask<HookDecision> DecideAsync(PreHookInvoker hook, CaoEvent e, CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(hook.Timeout);
        var token = timeout.Token;
        // On a plugin thread: a pre-hook that blocks without awaiting holds neither the request's
        // thread nor a thread-pool thread, and the timeout below applies to it like to any other.
        var running = PluginThreads.Run(() => hook.Invoke(e, token));
        // Disposed when the hook ends, not when we stop waiting: an abandoned hook may still hold the token.
        _ = running.ContinueWith(static (_, source) => ((CancellationTokenSource)source!).Dispose(), timeout,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            return await running.WaitAsync(hook.Timeout, cancellationToken) ?? HookDecision.Allow;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            if (!running.IsCompleted)
                Abandoned?.Invoke(hook.PluginName, hook.MethodName);
            var what = ex is TimeoutException or OperationCanceledException ? $"timed out after {hook.Timeout.TotalMilliseconds:0} ms" : "failed";
            logger.LogWarning(ex is TimeoutException ? null : ex,
                "Plugin '{Plugin}' pre-hook '{Hook}' {What} on '{EventType}'; failing {Policy}",
                hook.PluginName, hook.MethodName, what, e.EventType, hook.FailClosed ? "closed (denied)" : "open (allowed)");
            return hook.FailClosed
                ? HookDecision.Deny($"pre-hook {hook.MethodName} {what} and is set to fail closed", "pre_hook_failed")
                : HookDecision.Allow;
        }
    }
}
