using System.Diagnostics;
using CliAgentOrchestrator.Core.Errors;
using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Providers;

/// <summary>
/// The CLI is looked up on the PATH of the pane's own shell (login shells rewrite PATH); when only the
/// server has it, the pane gets the server's PATH after its own; when nobody has it, init fails at once.
/// </summary>
public sealed class CliLookupTests : IDisposable
{
    private static readonly ProviderTimings Fast = TestTimings.Fast with { InitTimeout = TimeSpan.FromSeconds(30) };

    private readonly TempDirectory _home = new();

    private ProviderContext Context() => new("0123abcd", "cao-t", "developer-ab12", null, null, _home.Path, AgentProfileName: "developer");

    [Theory]
    [InlineData("sh", true)]
    [InlineData("no-such-cli-4f1e9", false)]
    [InlineData("it's odd; rm -rf x", false)]
    public async Task TheProbeRunByARealShellAnswersWhetherTheExecutableIsOnItsPath(string executable, bool expected)
    {
        var command = ShellReadyProbe.Command("a1b2c3", executable);
        var start = new ProcessStartInfo("bash", ["--norc", "--noprofile", "-c", command]) { RedirectStandardOutput = true };
        using var bash = Process.Start(start)!;
        var output = await bash.StandardOutput.ReadToEndAsync();
        await bash.WaitForExitAsync();

        Assert.Equal(expected, ShellReadyProbe.Read(output, "a1b2c3"));
        Assert.Null(ShellReadyProbe.Read(command, "a1b2c3")); // the typed text alone is no answer
        Assert.Equal(expected, ShellReadyProbe.ReadPrinted(output, "a1b2c3"));
        Assert.Null(ShellReadyProbe.ReadPrinted(command, "a1b2c3"));
    }

    [Fact]
    public async Task ACliOnNeitherThePanesNorTheServersPathFailsAsSoonAsTheShellAnswersWithoutLaunching()
    {
        var provider = new KiroCliProvider(Context()) { Timings = Fast };
        var console = new ScriptedConsole("$ ") { ExecutableOnPath = false };

        var error = await Assert.ThrowsAsync<CliNotFoundException>(() => provider.InitializeAsync(console, CancellationToken.None));

        Assert.Equal("'kiro-cli' is not on the PATH of new terminals; install it or choose another --provider than kiro_cli.", error.Message);
        Assert.Empty(console.Commands);
    }

    [Fact]
    public async Task ACliOnlyOnTheServersPathIsLaunchedAfterThePaneGetsTheServersPathAfterItsOwn()
    {
        var provider = new MockCliProvider(Context()) { Timings = Fast };
        var console = new ScriptedConsole("$ ") { ExecutableOnPath = false, OnCommand = c => c.Contains("mock_cli", StringComparison.Ordinal) ? "$ mock_cli\nMockCli ready.\n❯ " : null };

        await provider.InitializeAsync(console, CancellationToken.None);

        Assert.Equal(2, console.Commands.Count);
        Assert.Equal(" export PATH=\"$PATH\":'" + Environment.GetEnvironmentVariable("PATH") + "'", console.Commands[0]);
        Assert.Equal(provider.BuildLaunchCommand(), console.Commands[1]);
    }

    public void Dispose() => _home.Dispose();
}
