namespace CliAgentOrchestrator.Tests.Providers;

/// <summary>
/// Agent CLI screens written for these tests (Providers/Screens, copied beside the test assembly), so a
/// plain clone needs nothing outside the repository. The reference captures in ../shared are checked by
/// the separate CliAgentOrchestrator.ReferenceScreens.Tests suite.
/// </summary>
internal static class Screens
{
    public static string Read(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Providers", "Screens", file));
}
