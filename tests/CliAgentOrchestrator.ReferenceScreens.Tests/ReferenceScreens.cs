namespace CliAgentOrchestrator.ReferenceScreens.Tests;

/// <summary>
/// The reference screen captures this suite checks, in the folder named by <c>CAO_REFERENCE_SCREENS</c>.
/// They are not part of the repository: <c>.ci/run</c> sets the variable and runs this suite only where
/// such a folder exists, so nothing in a plain clone depends on a path outside it.
/// </summary>
internal static class ReferenceScreens
{
    public const string Variable = "CAO_REFERENCE_SCREENS";

    private static readonly Lazy<string> DirectoryPath = new(Locate);

    public static string Read(string file) => File.ReadAllText(Path.Combine(DirectoryPath.Value, file));

    private static string Locate()
    {
        var folder = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
            throw new DirectoryNotFoundException($"{Variable} must name a folder of reference screens (got '{folder}'); .ci/run sets it when it finds one.");
        return folder;
    }
}
