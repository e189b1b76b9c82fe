using CliAgentOrchestrator.Plugins.Providers;

namespace Cao.MyPlugin.Tests;

// The provider's screen rules, checked against captured screens (Screens/*.txt, copied beside the test
// assembly). Capture your CLI's pane in each state and add a line here per file.
public sealed class MyPluginProviderTests
{
    private readonly MyPluginProvider _provider = new(new ProviderContext("a1b2c3d4", "cao-test", "developer-0001", null, null, Path.GetTempPath()));

    [Theory]
    [InlineData("idle.txt", TerminalStatus.Idle)]
    [InlineData("processing.txt", TerminalStatus.Processing)]
    [InlineData("completed.txt", TerminalStatus.Completed)]
    [InlineData("error.txt", TerminalStatus.Error)]
    public void ReadsTheStatusOfEachCapturedScreen(string screen, TerminalStatus expected) =>
        ProviderScreens.AssertStatus(_provider, Screen(screen), expected);

    [Fact]
    public void ExtractsTheLastAnswer() =>
        ProviderScreens.AssertLastMessage(_provider, Screen("completed.txt"), "42, because 6 x 7\n= 42.");

    [Fact]
    public void AScreenWithoutAnAnswerHasNoLastMessage() =>
        Assert.Throws<ProviderExtractionException>(() => _provider.ExtractLastMessage(ProviderScreens.Load(Screen("idle.txt"))));

    [Fact]
    public void LaunchesTheCli() =>
        Assert.Equal("my_plugin --no-update-check", _provider.BuildLaunchCommand());

    private static string Screen(string name) => Path.Combine(AppContext.BaseDirectory, "Screens", name);
}
