using System.Reflection;
using CliAgentOrchestrator.Plugins;

namespace CliAgentOrchestrator.Core.PluginHosting.PreHooks;

/// <summary>Turns a plugin's <c>[PreHook]</c> methods into <see cref="PreHookInvoker"/>s, refusing the ones that cannot be called.</summary>
internal static class PreHookBinder
{
    public static (IReadOnlyList<PreHookInvoker> Hooks, IReadOnlyList<string> Refusals) Bind(string pluginName, CaoPlugin plugin)
    {
        var hooks = new List<PreHookInvoker>();
        var refusals = new List<string>();
        foreach (var method in HookBinder.MethodsOf(plugin.GetType()))
        {
            if (method.GetCustomAttribute<PreHookAttribute>(inherit: true) is not { } attribute)
                continue;
            var name = $"{method.DeclaringType?.Name}.{method.Name}";
            var problem = Check(method, attribute);
            if (problem is not null)
            {
                refusals.Add($"pre-hook '{name}' for '{attribute.EventType}' refused: {problem}");
                continue;
            }
            hooks.Add(new PreHookInvoker(pluginName, name, attribute.EventType, attribute.Order, attribute.FailClosed,
                TimeSpan.FromMilliseconds(attribute.TimeoutMilliseconds), CreateInvoker(plugin, method)));
        }
        return (hooks, refusals);
    }

    private static string? Check(MethodInfo method, PreHookAttribute attribute)
    {
        if (!KnownEvents.PreEvents.TryGetValue(attribute.EventType, out var eventClass))
            return $"unknown pre event; known pre events are {string.Join(", ", KnownEvents.PreEvents.Keys.Order())}";
        if (method.IsStatic || method.IsGenericMethodDefinition)
            return "a pre-hook must be a non-generic instance method";
        if (method.ReturnType != typeof(Task<HookDecision>) && method.ReturnType != typeof(ValueTask<HookDecision>))
            return $"a pre-hook must return Task<HookDecision> or ValueTask<HookDecision>, not {method.ReturnType.Name}";
        if (attribute.TimeoutMilliseconds <= 0)
            return "TimeoutMilliseconds must be positive";
        var parameters = method.GetParameters();
        var shapeOk = parameters.Length == 1 || (parameters.Length == 2 && parameters[1].ParameterType == typeof(CancellationToken));
        if (!shapeOk || !parameters[0].ParameterType.IsAssignableFrom(eventClass))
            return $"a pre-hook must take ({eventClass.Name} e) or ({eventClass.Name} e, CancellationToken cancellationToken)";
        return null;
    }

    private static Func<CaoEvent, CancellationToken, ValueTask<HookDecision>> CreateInvoker(CaoPlugin plugin, MethodInfo method)
    {
        var shape = (method.ReturnType == typeof(ValueTask<HookDecision>), method.GetParameters().Length == 2) switch
        {
            (false, false) => nameof(TaskHook),
            (false, true) => nameof(TaskHookWithToken),
            (true, false) => nameof(ValueTaskHook),
            (true, true) => nameof(ValueTaskHookWithToken),
        };
        // The generic argument is an SDK event type, never a plugin type.
        var factory = typeof(PreHookBinder).GetMethod(shape, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(method.GetParameters()[0].ParameterType);
        return (Func<CaoEvent, CancellationToken, ValueTask<HookDecision>>)factory.Invoke(null, [plugin, method])!;
    }

    private static Func<CaoEvent, CancellationToken, ValueTask<HookDecision>> TaskHook<TEvent>(object target, MethodInfo method)
    {
        var call = method.CreateDelegate<Func<TEvent, Task<HookDecision>>>(target);
        return (e, _) => new ValueTask<HookDecision>(call((TEvent)(object)e));
    }

    private static Func<CaoEvent, CancellationToken, ValueTask<HookDecision>> TaskHookWithToken<TEvent>(object target, MethodInfo method)
    {
        var call = method.CreateDelegate<Func<TEvent, CancellationToken, Task<HookDecision>>>(target);
        return (e, token) => new ValueTask<HookDecision>(call((TEvent)(object)e, token));
    }

    private static Func<CaoEvent, CancellationToken, ValueTask<HookDecision>> ValueTaskHook<TEvent>(object target, MethodInfo method)
    {
        var call = method.CreateDelegate<Func<TEvent, ValueTask<HookDecision>>>(target);
        return (e, _) => call((TEvent)(object)e);
    }

    private static Func<CaoEvent, CancellationToken, ValueTask<HookDecision>> ValueTaskHookWithToken<TEvent>(object target, MethodInfo method)
    {
        var call = method.CreateDelegate<Func<TEvent, CancellationToken, ValueTask<HookDecision>>>(target);
        return (e, token) => call((TEvent)(object)e, token);
    }
}
