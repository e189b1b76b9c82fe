using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>
/// Finds installed plugins without loading anything: the assembly attributes are read from
/// metadata, so a folder full of dependencies costs a few file reads, not a load context.
/// </summary>
public static class PluginDiscovery
{
    private const string AttributeNamespace = "CliAgentOrchestrator.Plugins";
    private const string AttributeName = "CaoPluginAttribute";
    private const string ProvidersNamespace = "CliAgentOrchestrator.Plugins.Providers";
    private const string ProviderAttributeName = "CaoProviderAttribute";
    private const string SdkAssemblyName = "CliAgentOrchestrator.Plugins";

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
        ReadFolder(folder).Select(a => a.Path).ToList();

    /// <summary>The metadata of every assembly directly in <paramref name="folder"/> that declares CAO plugin entry points.</summary>
    public static IReadOnlyList<PluginAssembly> ReadFolder(string folder) =>
        Directory.GetFiles(folder, "*.dll").Order(StringComparer.Ordinal)
            .Select(Read).OfType<PluginAssembly>().Where(a => a.EntryPoints.Count > 0 || a.Providers.Count > 0).ToList();

    /// <summary>Reads an assembly's plugin metadata; null for a native library or a file that is no assembly.</summary>
    public static PluginAssembly? Read(string assemblyPath)
    {
        try
        {
            using var stream = File.OpenRead(assemblyPath);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
                return null;
            var metadata = pe.GetMetadataReader();
            if (!metadata.IsAssembly)
                return null;
            var definition = metadata.GetAssemblyDefinition();
            var entryPoints = new List<string>();
            var providers = new List<string>();
            var hooks = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            string? informationalVersion = null;
            foreach (var handle in definition.GetCustomAttributes())
            {
                var attribute = metadata.GetCustomAttribute(handle);
                if (IsAttribute(metadata, attribute, AttributeNamespace, AttributeName))
                {
                    var (name, type) = EntryPointArguments(metadata, attribute);
                    entryPoints.Add(name);
                    hooks.TryAdd(name, type is null ? [] : PluginHookMetadata.Read(metadata, type));
                }
                else if (IsAttribute(metadata, attribute, ProvidersNamespace, ProviderAttributeName) && FirstStringArgument(metadata, attribute) is { } key)
                    providers.Add(key);
                else if (IsAttribute(metadata, attribute, "System.Reflection", "AssemblyInformationalVersionAttribute"))
                    informationalVersion = FirstStringArgument(metadata, attribute)?.Split('+')[0];
            }
            Version? sdk = null;
            foreach (var reference in metadata.AssemblyReferences.Select(metadata.GetAssemblyReference))
            {
                if (metadata.StringComparer.Equals(reference.Name, SdkAssemblyName, ignoreCase: true))
                    sdk = reference.Version;
            }
            return new PluginAssembly(
                assemblyPath,
                metadata.GetString(definition.Name),
                informationalVersion ?? definition.Version.ToString(),
                entryPoints,
                hooks,
                sdk) { Providers = providers };
        }
        catch (BadImageFormatException)
        {
            return null; // a native library or a broken file is not an entry point
        }
    }

    internal static bool IsAttribute(MetadataReader metadata, CustomAttribute attribute, string ns, string name)
    {
        if (attribute.Constructor.Kind != HandleKind.MemberReference)
            return false;
        var parent = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
        if (parent.Kind != HandleKind.TypeReference)
            return false;
        var type = metadata.GetTypeReference((TypeReferenceHandle)parent);
        return metadata.StringComparer.Equals(type.Name, name) && metadata.StringComparer.Equals(type.Namespace, ns);
    }

    // CaoPlugin(string name, Type pluginType): a Type argument is stored as its (assembly-qualified) name.
    private static (string Name, string? Type) EntryPointArguments(MetadataReader metadata, CustomAttribute attribute)
    {
        var blob = metadata.GetBlobReader(attribute.Value);
        if (blob.Length < 2 || blob.ReadUInt16() != 1)
            return ("", null);
        var name = blob.ReadSerializedString() ?? "";
        var type = blob.RemainingBytes > 0 ? blob.ReadSerializedString()?.Split(',')[0].Trim() : null;
        return (name, type);
    }

    // Both attributes we read take a string first: the blob is the 0x0001 prolog, then a SerString.
    internal static string? FirstStringArgument(MetadataReader metadata, CustomAttribute attribute)
    {
        var blob = metadata.GetBlobReader(attribute.Value);
        return blob.Length >= 2 && blob.ReadUInt16() == 1 ? blob.ReadSerializedString() : null;
    }
}
