using System.Reflection;

namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>
/// Assemblies every plugin shares with the host, so that <c>CaoPlugin</c>, the events and
/// <c>ILogger</c> are one type everywhere. Everything else a plugin uses comes from its own folder.
/// </summary>
internal static class SharedAssemblies
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "CliAgentOrchestrator.Plugins",
        "Microsoft.Extensions.Logging.Abstractions",
        "Microsoft.Extensions.DependencyInjection.Abstractions",
    };

    public static bool Contains(AssemblyName name) => name.Name is { } simple && Names.Contains(simple);

    public static bool IsSdk(AssemblyName name) => string.Equals(name.Name, "CliAgentOrchestrator.Plugins", StringComparison.OrdinalIgnoreCase);

    /// <summary>The SDK version the host carries; plugins built against a newer major version are refused.</summary>
    public static Version SdkVersion { get; } = typeof(Plugins.CaoPlugin).Assembly.GetName().Version ?? new Version(1, 0);
}
