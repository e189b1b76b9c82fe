using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace CliAgentOrchestrator.PluginHosting;

/// <summary>
/// Finds installed plugins without loading anything: the assembly attributes are read from
/// metadata, so a folder full of dependencies costs a few file reads, not a load context.
/// </summary>
public static class PluginDiscovery
{
    private const string AttributeNamespace = "CliAgentOrchestrator.Plugins";
    private const string AttributeName = "CaoPluginAttribute";

    /// <summary>Every plugin folder under <paramref name="roots"/>, ordered by root then folder name.</summary>
    public static IReadOnlyList<PluginFolder> Discover(IEnumerable<string> roots)
    {
        var folders = new List<PluginFolder>();
        foreach (var root in roots)
        {
            if (!Directory.Exists(root))
                continue;
            foreach (var folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
                folders.Add(new PluginFolder(folder, FindEntryAssemblies(folder)));
        }
        return folders;
    }

    /// <summary>The assemblies directly in <paramref name="folder"/> that declare CAO plugin entry points.</summary>
    public static IReadOnlyList<string> FindEntryAssemblies(string folder) =>
        Directory.GetFiles(folder, "*.dll").Order(StringComparer.Ordinal).Where(DeclaresEntryPoint).ToList();

    private static bool DeclaresEntryPoint(string assemblyPath)
    {
        try
        {
            using var stream = File.OpenRead(assemblyPath);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
                return false;
            var metadata = pe.GetMetadataReader();
            if (!metadata.IsAssembly)
                return false;
            foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
            {
                if (IsCaoPluginAttribute(metadata, metadata.GetCustomAttribute(handle)))
                    return true;
            }
            return false;
        }
        catch (BadImageFormatException)
        {
            return false; // a native library or a broken file is not an entry point
        }
    }

    private static bool IsCaoPluginAttribute(MetadataReader metadata, CustomAttribute attribute)
    {
        if (attribute.Constructor.Kind != HandleKind.MemberReference)
            return false;
        var parent = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
        if (parent.Kind != HandleKind.TypeReference)
            return false;
        var type = metadata.GetTypeReference((TypeReferenceHandle)parent);
        return metadata.StringComparer.Equals(type.Name, AttributeName)
            && metadata.StringComparer.Equals(type.Namespace, AttributeNamespace);
    }
}
