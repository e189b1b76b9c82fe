using System.Reflection;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Core.PluginHosting;

// Providers from plugins: [assembly: CaoProvider("key", typeof(T))] in a plugin folder's assembly adds
// the key to the provider catalog, so terminals, launch, profiles and the MCP tools can use it. The
// type lives in the plugin's load context and implements the SDK's IProvider, which is shared with the
// host, so the catalog holds it like a built-in. Providers register once, at start: a terminal holds
// its provider instance for its whole life, so swapping the type under running terminals on reload
// would leave them on an unloaded context.
public sealed partial class PluginHost
{
    private void RegisterProviders(Assembly assembly, string source)
    {
        if (_providerCatalog is null)
            return;
        foreach (var declared in assembly.GetCustomAttributes<CaoProviderAttribute>())
        {
            var problem = ProviderProblem(declared.ProviderType, out var constructor)
                ?? _providerCatalog.RegisterFromPlugin(declared.Key, declared.Binary ?? declared.Key, context => (IProvider)constructor!.Invoke([context]));
            if (problem is null)
                _logger.LogInformation("Registered provider '{Provider}' from {Source}", declared.Key, source);
            else
                _logger.LogWarning("Provider '{Provider}' from {Source} refused: {Reason}", declared.Key, source, problem);
        }
    }

    private static string? ProviderProblem(Type type, out ConstructorInfo? constructor)
    {
        constructor = type.GetConstructor([typeof(ProviderContext)]);
        if (!typeof(IProvider).IsAssignableFrom(type) || type.IsAbstract)
            return $"{type.FullName} is not a concrete IProvider";
        return constructor is null ? $"{type.FullName} needs a public constructor taking a ProviderContext" : null;
    }
}
