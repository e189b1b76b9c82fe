using System.Buffers.Binary;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace CliAgentOrchestrator.Tests.Support;

/// <summary>
/// Rewrites the major version of an assembly's reference to the SDK in place, to make a real plugin
/// look as if it had been built against a future SDK (there is no SDK 2.x to build it with).
/// </summary>
public static class SdkReferencePatcher
{
    public static void SetSdkMajorVersion(string assemblyPath, ushort major)
    {
        int offset;
        using (var pe = new PEReader(File.OpenRead(assemblyPath)))
        {
            var metadata = pe.GetMetadataReader();
            var row = metadata.AssemblyReferences
                .Select((handle, index) => (reference: metadata.GetAssemblyReference(handle), index))
                .Single(r => metadata.GetString(r.reference.Name) == "CliAgentOrchestrator.Plugins").index;
            // An AssemblyRef row starts with MajorVersion (2 bytes), so its offset is where the row starts.
            offset = pe.PEHeaders.MetadataStartOffset
                + metadata.GetTableMetadataOffset(TableIndex.AssemblyRef)
                + row * metadata.GetTableRowSize(TableIndex.AssemblyRef);
        }
        using var file = File.Open(assemblyPath, FileMode.Open, FileAccess.ReadWrite);
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, major);
        file.Position = offset;
        file.Write(bytes);
    }
}
