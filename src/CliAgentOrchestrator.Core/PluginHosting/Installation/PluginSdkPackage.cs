using CliAgentOrchestrator.Core.Configuration;

namespace CliAgentOrchestrator.Core.PluginHosting.Installation;

/// <summary>
/// The SDK package (<c>CliAgentOrchestrator.Plugins.&lt;version&gt;.nupkg</c>) an installed cao carries in
/// <c>sdk/</c> next to itself, and the local feed under the CAO home it is copied to, so plugin projects
/// restore the SDK by version with no path to a checkout. A cao run from source has no package.
/// </summary>
public sealed class PluginSdkPackage
{
    public const string PackageId = "CliAgentOrchestrator.Plugins";

    private PluginSdkPackage(string file, string version)
    {
        File = file;
        Version = version;
    }

    /// <summary>The bundled .nupkg.</summary>
    public string File { get; }

    /// <summary>Its package version, which is also the SDK's assembly version (one Version in Directory.Build.props).</summary>
    public string Version { get; }

    /// <summary>The package bundled with this cao, or null when cao runs from a build of the source.</summary>
    public static PluginSdkPackage? Bundled(string? appDirectory = null)
    {
        var folder = Path.Combine(appDirectory ?? AppContext.BaseDirectory, "sdk");
        if (!Directory.Exists(folder))
            return null;
        var prefix = PackageId + ".";
        var file = Directory.GetFiles(folder, prefix + "*.nupkg").Order(StringComparer.Ordinal).LastOrDefault();
        return file is null ? null : new PluginSdkPackage(file, Path.GetFileNameWithoutExtension(file)[prefix.Length..]);
    }

    /// <summary>
    /// Copies the package into <paramref name="home"/>'s feed unless the same file is there already; returns the feed.
    /// Rewritten when the bytes differ, so reinstalling a rebuilt cao of the same version updates the feed too.
    /// </summary>
    public string EnsureInFeed(CaoHome home)
    {
        var feed = home.PackageFeedDirectory;
        var target = Path.Combine(feed, Path.GetFileName(File));
        if (System.IO.File.Exists(target) && SameBytes(target, File))
            return feed;
        Directory.CreateDirectory(feed);
        // Copy then rename: a restore reading the feed at the same moment never sees half a package.
        var partial = target + ".partial-" + Environment.ProcessId;
        System.IO.File.Copy(File, partial, overwrite: true);
        System.IO.File.Move(partial, target, overwrite: true);
        return feed;
    }

    private static bool SameBytes(string a, string b) =>
        new FileInfo(a).Length == new FileInfo(b).Length && System.IO.File.ReadAllBytes(a).AsSpan().SequenceEqual(System.IO.File.ReadAllBytes(b));
}
