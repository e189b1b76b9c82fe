using System.Reflection.Metadata;

namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>
/// Reads the <c>[Hook]</c> attributes of a plugin class from metadata, so <c>cao plugin list</c> can
/// show hooks without a running server and without loading the plugin. Hooks inherited from a base
/// class are not seen here; the server's view (<c>GET /plugins</c>) has them all.
/// </summary>
internal static class PluginHookMetadata
{
    public static IReadOnlyList<string> Read(MetadataReader metadata, string typeFullName)
    {
        var hooks = new List<string>();
        foreach (var handle in metadata.TypeDefinitions)
        {
            var type = metadata.GetTypeDefinition(handle);
            if (FullName(metadata, type) != typeFullName)
                continue;
            var typeName = metadata.GetString(type.Name);
            foreach (var methodHandle in type.GetMethods())
            {
                var method = metadata.GetMethodDefinition(methodHandle);
                foreach (var attributeHandle in method.GetCustomAttributes())
                {
                    var attribute = metadata.GetCustomAttribute(attributeHandle);
                    if (PluginDiscovery.IsAttribute(metadata, attribute, "CliAgentOrchestrator.Plugins", "HookAttribute"))
                        hooks.Add($"{PluginDiscovery.FirstStringArgument(metadata, attribute)}: {typeName}.{metadata.GetString(method.Name)}");
                }
            }
        }
        return hooks;
    }

    // Type names in attribute blobs write nested types as Outer+Inner.
    private static string FullName(MetadataReader metadata, TypeDefinition type)
    {
        var name = metadata.GetString(type.Name);
        if (type.IsNested)
            return FullName(metadata, metadata.GetTypeDefinition(type.GetDeclaringType())) + "+" + name;
        var ns = metadata.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }
}
