using CliAgentOrchestrator.Plugins;

namespace CliAgentOrchestrator.Core.PluginHosting.PreHooks;

/// <summary>One bound pre-hook with its place in the chain and its failure policy.</summary>
internal sealed record PreHookInvoker(
    string PluginName,
    string MethodName,
    string EventType,
    int Order,
    bool FailClosed,
    TimeSpan Timeout,
    Func<CaoEvent, CancellationToken, ValueTask<HookDecision>> Invoke);
