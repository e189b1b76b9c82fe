namespace CliAgentOrchestrator.Tests.Support;

/// <summary>Files of the checkout the tests run from (docs, sources), found above the test binaries.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CliAgentOrchestrator.slnx")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException("Could not find the repository root (CliAgentOrchestrator.slnx) above " + AppContext.BaseDirectory);
    }
}
