namespace CliAgentOrchestrator.Tests.Providers;

/// <summary>
/// Agent CLI screens written for these tests: Providers/Screens in this project, copied beside the test
/// assembly by the build, so the tests need nothing outside the repository.
/// </summary>
internal static class Screens
{
    public static string Read(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Providers", "Screens", file));
}
