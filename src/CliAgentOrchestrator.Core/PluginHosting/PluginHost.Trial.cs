using System.Diagnostics;
using System.Text.Json;
using CliAgentOrchestrator.Plugins;

namespace CliAgentOrchestrator.Core.PluginHosting;

// `cao plugin test`: one synthetic event for one plugin, never the others. Hooks get it through the
// plugin's own queue (in order with real events, and held during a reload); pre-hooks are called
// directly, as the operations they guard call them, and report their decision without acting on it.
public sealed partial class PluginHost
{
    /// <summary>Sends <paramref name="e"/> to the plugin <paramref name="name"/> only and reports what each of its hooks did.</summary>
    /// <exception cref="PluginTrialException">Unknown plugin, not running, or no hook for the event; the message says what to do.</exception>
    public async Task<PluginTrialResult> TryAsync(string name, CaoEvent e, CancellationToken cancellationToken = default)
    {
        LoadedPlugin plugin;
        lock (_plugins)
        {
            plugin = _plugins.FirstOrDefault(p => p.Name == name && p.Status is PluginStatus.Loaded or PluginStatus.Faulted)
                ?? _plugins.FirstOrDefault(p => p.Name == name)
                ?? throw new PluginTrialException($"No plugin named '{name}' is loaded; loaded: {LoadedNames()} (`cao plugin list` shows them)", notFound: true);
        }
        if (plugin.Status is not (PluginStatus.Loaded or PluginStatus.Faulted))
            throw new PluginTrialException($"Plugin '{name}' is {plugin.Status.ToString().ToLowerInvariant()}{(plugin.Error is null ? "" : $" ({plugin.Error})")}; fix it and run `cao plugin reload {name}`");

        IReadOnlyList<HookOutcome> outcomes;
        if (SyntheticEvents.IsPreEvent(e.EventType))
        {
            var preHooks = plugin.PreHooks.Where(h => h.EventType == e.EventType).OrderBy(h => h.Order).ToList();
            if (preHooks.Count == 0)
                throw NoHook(plugin, e.EventType);
            var list = new List<HookOutcome>();
            foreach (var hook in preHooks)
                list.Add(await DecideAsync(hook, e, cancellationToken).ConfigureAwait(false));
            outcomes = list;
        }
        else
        {
            if (!plugin.Hooks.Any(h => h.EventType == e.EventType) || plugin.Mailbox is null)
                throw NoHook(plugin, e.EventType);
            var trial = new HookTrial(e);
            plugin.Mailbox.Post(trial);
            outcomes = await trial.Outcomes.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        return new PluginTrialResult
        {
            Plugin = name,
            EventType = e.EventType,
            Event = JsonSerializer.SerializeToNode(e, e.GetType())!,
            Hooks = outcomes,
        };
    }

    private static PluginTrialException NoHook(LoadedPlugin plugin, string eventType)
    {
        var types = plugin.Hooks.Select(h => h.EventType).Concat(plugin.PreHooks.Select(h => h.EventType)).Distinct().Order(StringComparer.Ordinal).ToList();
        return new PluginTrialException($"Plugin '{plugin.Name}' has no hook for '{eventType}'; its hooks take: {(types.Count == 0 ? "nothing" : string.Join(", ", types))}");
    }

    private string LoadedNames()
    {
        var names = _plugins.Where(p => p.Status is PluginStatus.Loaded or PluginStatus.Faulted).Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }

    // Like the chain's call (own thread, own timeout, fail policy), but the decision is only reported.
    private static async Task<HookOutcome> DecideAsync(PreHooks.PreHookInvoker hook, CaoEvent e, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        double Elapsed() => Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3);
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(hook.Timeout);
        var token = timeout.Token;
        var running = PluginThreads.Run(() => hook.Invoke(e, token));
        _ = running.ContinueWith(static (_, source) => ((CancellationTokenSource)source!).Dispose(), timeout,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var policy = hook.FailClosed ? "deny" : "allow";
        try
        {
            var decision = await running.WaitAsync(hook.Timeout, cancellationToken).ConfigureAwait(false) ?? HookDecision.Allow;
            return new HookOutcome
            {
                Hook = hook.MethodName,
                Outcome = "ok",
                DurationMs = Elapsed(),
                Decision = DecisionNames.Of(decision.Kind),
                Reason = decision.Reason,
                Code = decision.Code,
                Replacement = decision.Message,
            };
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new HookOutcome { Hook = hook.MethodName, Outcome = "timeout", DurationMs = Elapsed(), Message = $"did not decide within {hook.Timeout.TotalMilliseconds:0} ms; fails {(hook.FailClosed ? "closed" : "open")}", Decision = policy };
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new HookOutcome { Hook = hook.MethodName, Outcome = "exception", DurationMs = Elapsed(), ExceptionType = ex.GetType().FullName, Message = ex.Message, Decision = policy };
        }
    }
}
