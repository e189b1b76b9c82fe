using System.Reflection;
using System.Runtime.Loader;

namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>
/// One load context per installed plugin folder: the plugin's dependencies resolve from its own
/// <c>.deps.json</c>, so two plugins may use different versions of the same library. The SDK and
/// the logging abstractions always come from the host (see <see cref="SharedAssemblies"/>), even
/// when a plugin ships its own copy.
/// </summary>
internal sealed class PluginLoadContext(string mainAssemblyPath)
    : AssemblyLoadContext(Path.GetFileNameWithoutExtension(mainAssemblyPath), isCollectible: true)
{
    private readonly AssemblyDependencyResolver _resolver = new(mainAssemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (SharedAssemblies.Contains(assemblyName))
            return null; // fall back to the host's copy

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
