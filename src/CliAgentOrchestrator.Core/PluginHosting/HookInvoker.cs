using CliAgentOrchestrator.Plugins;

namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>One bound hook: a typed delegate to the plugin method, ready to be called per event.</summary>
/// <param name="EventType">The event type it subscribes to.</param>
/// <param name="MethodName">The method, as <c>Type.Method</c>, for logs.</param>
/// <param name="Invoke">Calls the method with the event and the hook's cancellation token.</param>
internal sealed record HookInvoker(string EventType, string MethodName, Func<CaoEvent, CancellationToken, ValueTask> Invoke);
