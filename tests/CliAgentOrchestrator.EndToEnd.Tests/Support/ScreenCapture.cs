namespace CliAgentOrchestrator.EndToEnd.Tests.Support;

/// <summary>
/// Saves agent screens from end-to-end runs as provider fixtures: with <c>CAO_E2E_SCREENS</c> set to a
/// folder, <see cref="SaveAsync"/> writes the pane (escapes kept, 200 lines of history) to
/// <c>&lt;folder&gt;/&lt;name&gt;.txt</c>; without it, nothing happens. Copy the files worth keeping to
/// <c>tests/CliAgentOrchestrator.Tests/Providers/Screens/</c>.
/// </summary>
public static class ScreenCapture
{
    /// <summary>The variable naming the folder screens go to.</summary>
    public const string Variable = "CAO_E2E_SCREENS";

    public static async Task SaveAsync(AgentTestBed bed, string terminalId, string name)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, name + ".txt"), await bed.ScreenAsync(terminalId));
    }
}
