namespace CliAgentOrchestrator.ReferenceScreens.Tests;

/// <summary>Locates the shared screen captures: &lt;repo root&gt;/../shared/fixtures/providers.</summary>
internal static class ReferenceScreens
{
    private static readonly Lazy<string> DirectoryPath = new(Locate);

    public static string Directory => DirectoryPath.Value;

    public static string Read(string file) => File.ReadAllText(Path.Combine(Directory, file));

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CliAgentOrchestrator.slnx")))
            {
                var fixtures = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "fixtures", "providers"));
                if (!System.IO.Directory.Exists(fixtures))
                    throw new DirectoryNotFoundException($"Provider fixtures not found at {fixtures} (expected beside the repository).");
                return fixtures;
            }
        }
        throw new DirectoryNotFoundException("Could not find the repository root (CliAgentOrchestrator.slnx) above " + AppContext.BaseDirectory);
    }
}
