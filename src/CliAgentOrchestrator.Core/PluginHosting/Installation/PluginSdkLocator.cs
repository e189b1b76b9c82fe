using CliAgentOrchestrator.Core.Configuration;

namespace CliAgentOrchestrator.Core.PluginHosting.Installation;

/// <summary>
/// Where a new plugin finds the SDK: the package an installed cao carries, put in the local feed under
/// the CAO home; when cao runs from a source checkout (no package), the checkout's SDK project; or a
/// path the user gives.
/// </summary>
public static class PluginSdkLocator
{
    /// <summary>The SDK package version new plugins reference: the bundled package's, else the SDK assembly's.</summary>
    public static string CurrentVersion =>
        PluginSdkPackage.Bundled()?.Version ?? $"{SharedAssemblies.SdkVersion.Major}.{SharedAssemblies.SdkVersion.Minor}.{Math.Max(0, SharedAssemblies.SdkVersion.Build)}";

    /// <summary>
    /// The SDK reference for <c>cao plugin new</c>: <paramref name="givenPath"/> when set; else the
    /// bundled package (copied into <paramref name="home"/>'s feed); else the checkout's SDK project,
    /// with a note saying so.
    /// </summary>
    public static (PluginSdkReference Reference, string? Note) ForNewPlugin(CaoHome home, string? givenPath)
    {
        if (givenPath is not null)
            return (PluginSdkReference.AtPath(Validate(givenPath), CurrentVersion), null);
        if (PluginSdkPackage.Bundled() is { } package)
            return (PluginSdkReference.Package(package.Version, package.EnsureInFeed(home)), null);
        var fromSource = Find() ?? throw new InstallationException(
            "This cao carries no SDK package and no CAO checkout is above it; install cao with ./install.sh from a checkout, or pass --sdk <path to CliAgentOrchestrator.Plugins.csproj or its dll folder>");
        return (PluginSdkReference.AtPath(fromSource, CurrentVersion),
            $"cao runs from source, so the project references the SDK at {fromSource}; an installed cao (./install.sh) writes a package reference instead");
    }

    private const string ProjectInRepository = "src/CliAgentOrchestrator.Plugins/CliAgentOrchestrator.Plugins.csproj";
    private const string AssemblyFile = "CliAgentOrchestrator.Plugins.dll";

    public static string? Find(string? startDirectory = null)
    {
        var start = startDirectory ?? AppContext.BaseDirectory;
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var project = Path.Combine(directory.FullName, ProjectInRepository);
            if (File.Exists(project))
                return project;
        }
        return File.Exists(Path.Combine(start, AssemblyFile)) ? Path.GetFullPath(start) : null;
    }

    /// <summary>Checks a user-given SDK location; returns its full path.</summary>
    public static string Validate(string path)
    {
        var full = Path.GetFullPath(path);
        if (full.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) ? File.Exists(full) : File.Exists(Path.Combine(full, AssemblyFile)))
            return full;
        throw new InstallationException($"{path} is neither CliAgentOrchestrator.Plugins.csproj nor a folder holding {AssemblyFile}; pass --sdk with one of them");
    }
}
