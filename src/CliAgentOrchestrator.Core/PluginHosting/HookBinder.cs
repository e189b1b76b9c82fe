using System.Reflection;
using CliAgentOrchestrator.Plugins;

namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>
/// Turns a plugin's <c>[Hook]</c> methods into <see cref="HookInvoker"/>s. A hook that cannot be
/// called correctly is refused with a reason (Python silently never calls such a hook; we tell the
/// author) and the plugin's other hooks still load.
/// </summary>
internal static class HookBinder
{
    private const BindingFlags AllMethods =
        BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>The bound hooks of <paramref name="plugin"/> in declaration order, and one message per refused hook.</summary>
    public static (IReadOnlyList<HookInvoker> Hooks, IReadOnlyList<string> Refusals) Bind(CaoPlugin plugin)
    {
        var hooks = new List<HookInvoker>();
        var refusals = new List<string>();
        foreach (var method in MethodsOf(plugin.GetType()))
        {
            foreach (var hook in method.GetCustomAttributes<HookAttribute>(inherit: true))
            {
                var name = $"{method.DeclaringType?.Name}.{method.Name}";
                var problem = Check(method, hook.EventType, out _);
                if (problem is null)
                    hooks.Add(new HookInvoker(hook.EventType, name, CreateInvoker(plugin, method)));
                else
                    refusals.Add($"hook '{name}' for '{hook.EventType}' refused: {problem}");
            }
        }
        return (hooks, refusals);
    }

    // Every method a hook may sit on (shared with PreHookBinder): the most derived version of each inherited method, plus the
    // private methods of base classes. Base classes first, then declaration order, so hooks of one
    // event run in the order a reader of the class expects.
    internal static IEnumerable<MethodInfo> MethodsOf(Type type)
    {
        var methods = type.GetMethods(AllMethods).ToList();
        for (var t = type.BaseType; t is not null && t != typeof(CaoPlugin); t = t.BaseType)
            methods.AddRange(t.GetMethods(AllMethods | BindingFlags.DeclaredOnly).Where(m => m.IsPrivate));
        return methods
            .Where(m => m.DeclaringType != typeof(object) && m.DeclaringType != typeof(CaoPlugin))
            .OrderBy(m => Depth(m.DeclaringType!))
            .ThenBy(m => m.MetadataToken);
    }

    private static int Depth(Type type)
    {
        var depth = 0;
        for (var t = type.BaseType; t is not null; t = t.BaseType)
            depth++;
        return depth;
    }

    private static string? Check(MethodInfo method, string eventType, out Type? eventClass)
    {
        if (!KnownEvents.ByType.TryGetValue(eventType, out eventClass))
        {
            return KnownEvents.PreEvents.ContainsKey(eventType)
                ? "pre events are guarded with [PreHook], which returns a HookDecision"
                : $"unknown event type; known types are {string.Join(", ", KnownEvents.ByType.Keys.Order())}";
        }
        if (method.IsStatic)
            return "a hook must be an instance method";
        if (method.IsGenericMethodDefinition)
            return "a hook must not be generic";
        if (!typeof(Task).IsAssignableFrom(method.ReturnType) && method.ReturnType != typeof(ValueTask))
            return $"a hook must return Task or ValueTask, not {method.ReturnType.Name}";
        var parameters = method.GetParameters();
        var tokenOk = parameters.Length == 1 || (parameters.Length == 2 && parameters[1].ParameterType == typeof(CancellationToken));
        if (parameters.Length == 0 || !tokenOk)
            return $"a hook must take ({eventClass.Name} e) or ({eventClass.Name} e, CancellationToken cancellationToken)";
        if (!parameters[0].ParameterType.IsAssignableFrom(eventClass))
            return $"its parameter is {parameters[0].ParameterType.Name} but '{eventType}' delivers {eventClass.Name}";
        return null;
    }

    private static Func<CaoEvent, CancellationToken, ValueTask> CreateInvoker(CaoPlugin plugin, MethodInfo method)
    {
        var parameterType = method.GetParameters()[0].ParameterType;
        var shape = (method.ReturnType == typeof(ValueTask), method.GetParameters().Length == 2) switch
        {
            (false, false) => nameof(TaskHook),
            (false, true) => nameof(TaskHookWithToken),
            (true, false) => nameof(ValueTaskHook),
            (true, true) => nameof(ValueTaskHookWithToken),
        };
        // The generic argument is always an SDK type (the event class or a base), never a plugin type.
        var factory = typeof(HookBinder).GetMethod(shape, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(parameterType);
        return (Func<CaoEvent, CancellationToken, ValueTask>)factory.Invoke(null, [plugin, method])!;
    }

    private static Func<CaoEvent, CancellationToken, ValueTask> TaskHook<TEvent>(object target, MethodInfo method)
    {
        var call = method.CreateDelegate<Func<TEvent, Task>>(target);
        return (e, _) => new ValueTask(call((TEvent)(object)e));
    }

    private static Func<CaoEvent, CancellationToken, ValueTask> TaskHookWithToken<TEvent>(object target, MethodInfo method)
    {
        var call = method.CreateDelegate<Func<TEvent, CancellationToken, Task>>(target);
        return (e, token) => new ValueTask(call((TEvent)(object)e, token));
    }

    private static Func<CaoEvent, CancellationToken, ValueTask> ValueTaskHook<TEvent>(object target, MethodInfo method)
    {
        var call = method.CreateDelegate<Func<TEvent, ValueTask>>(target);
        return (e, _) => call((TEvent)(object)e);
    }

    private static Func<CaoEvent, CancellationToken, ValueTask> ValueTaskHookWithToken<TEvent>(object target, MethodInfo method)
    {
        var call = method.CreateDelegate<Func<TEvent, CancellationToken, ValueTask>>(target);
        return (e, token) => call((TEvent)(object)e, token);
    }
}
