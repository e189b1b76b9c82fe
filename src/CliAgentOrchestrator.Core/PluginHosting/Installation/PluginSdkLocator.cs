namespace CliAgentOrchestrator.Core.PluginHosting.Installation;

/// <summary>
/// Where a new plugin finds the SDK: the SDK project when CAO runs from a source checkout (so the
/// plugin follows the checkout), else the folder CAO runs from, which carries the SDK assembly.
/// </summary>
public static class PluginSdkLocator
{
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
