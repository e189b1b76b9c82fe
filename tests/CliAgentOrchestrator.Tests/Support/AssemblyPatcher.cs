using System.Text;

namespace CliAgentOrchestrator.Tests.Support;

/// <summary>
/// Rewrites a name inside a built assembly's metadata in place, keeping its length, to produce the
/// hostile plugins an attacker could ship (names a compiler or MSBuild would never emit).
/// </summary>
public static class AssemblyPatcher
{
    /// <summary>Replaces the only occurrence of <paramref name="from"/> by <paramref name="to"/> (same byte length).</summary>
    public static void Replace(string assemblyPath, byte[] from, byte[] to)
    {
        Assert.Equal(from.Length, to.Length);
        var bytes = File.ReadAllBytes(assemblyPath);
        var at = IndexOf(bytes, from, 0);
        Assert.True(at >= 0, $"{Path.GetFileName(assemblyPath)} does not contain the name to patch");
        Assert.True(IndexOf(bytes, from, at + 1) < 0, $"{Path.GetFileName(assemblyPath)} contains the name to patch more than once");
        to.CopyTo(bytes, at);
        File.WriteAllBytes(assemblyPath, bytes);
    }

    /// <summary>
    /// The assembly's simple name as stored in the #Strings heap: UTF-8 between zero bytes (the same
    /// text in an attribute blob, such as AssemblyTitle, has a length byte before it instead).
    /// </summary>
    public static void RenameAssembly(string assemblyPath, string from, string to) =>
        Replace(assemblyPath, Encoding.UTF8.GetBytes("\0" + from + "\0"), Encoding.UTF8.GetBytes("\0" + to + "\0"));

    /// <summary>A string argument of a custom attribute, as stored in the #Blob heap: length byte, then UTF-8.</summary>
    public static void ReplaceAttributeString(string assemblyPath, string from, string to) =>
        Replace(assemblyPath, [(byte)from.Length, .. Encoding.UTF8.GetBytes(from)], [(byte)to.Length, .. Encoding.UTF8.GetBytes(to)]);

    private static int IndexOf(byte[] haystack, byte[] needle, int start)
    {
        for (var i = start; i <= haystack.Length - needle.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
                return i;
        }
        return -1;
    }
}
