using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Core.Profiles;
using CliAgentOrchestrator.Core.Providers;

using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Providers;

/// <summary>The common init recipe of <see cref="ProviderBase"/> (reference §8.3).</summary>
public sealed class ProviderInitTests : IDisposable
{
    private static readonly ProviderTimings Fast = TestTimings.Fast;

    private readonly TempDirectory _home = new();

    private ProviderContext Context(AgentProfile? profile = null) =>
        new("0123abcd", "cao-t", "developer-ab12", profile, null, _home.Path, AgentProfileName: "developer");

    [Fact]
    public async Task WaitsForTheShellRecordsItThenLaunchesAndReturnsWhenIdle()
    {
        var provider = new MockCliProvider(Context()) { Timings = Fast };
        var console = new ScriptedConsole("$ ") { OnCommand = _ => "$ mock_cli\nMockCli ready.\n❯ " };

        await provider.InitializeAsync(console, CancellationToken.None);

        Assert.Equal([provider.BuildLaunchCommand()], console.Commands);
        Assert.Equal("bash", provider.ShellBaseline);
        Assert.Empty(console.Keys);
    }

    [Fact]
    public async Task DoesNotLaunchBeforeTheShellAnswersItsProbe()
    {
        var provider = new MockCliProvider(Context()) { Timings = Fast };
        var launchedAtCapture = 0;
        // A login shell busy with its start-up files for six captures.
        var console = new ScriptedConsole("") { ShellAnswersAfter = 6 };
        console.OnCommand = _ => { launchedAtCapture = console.Captures; return "MockCli ready.\n❯ "; };

        await provider.InitializeAsync(console, CancellationToken.None);

        Assert.Equal(1, console.Probes);
        Assert.True(launchedAtCapture > 6, $"launched at capture {launchedAtCapture}, before the shell answered");
    }

    [Fact]
    public async Task WithTheOutputKeptTheProbesAnswerIsReadThereWithoutACapture()
    {
        var provider = new MockCliProvider(Context()) { Timings = Fast };
        var capturesAtLaunch = -1;
        var console = new ScriptedConsole("") { KeepsOutput = true, PrintsWhileStarting = true, ShellAnswersAfter = 3 };
        console.OnCommand = _ => { capturesAtLaunch = console.Captures; return "MockCli ready.\n❯ "; };

        await provider.InitializeAsync(console, CancellationToken.None);

        Assert.Equal(0, capturesAtLaunch);
        Assert.True(console.Looks > 3, $"launched after {console.Looks} looks, before the shell answered");
        Assert.Equal([provider.BuildLaunchCommand()], console.Commands);
    }

    [Fact]
    public async Task WithTheOutputKeptButStalledTheProbesAnswerIsStillFoundOnTheScreen()
    {
        var provider = new MockCliProvider(Context()) { Timings = Fast };
        var console = new ScriptedConsole("") { KeepsOutput = true, OutputStalled = true, ShellAnswersAfter = 3 };
        console.OnCommand = _ => "MockCli ready.\n❯ ";

        await provider.InitializeAsync(console, CancellationToken.None);

        Assert.Equal([provider.BuildLaunchCommand()], console.Commands);
        Assert.True(console.Captures > 0, "the screen was never read");
    }

    [Fact]
    public async Task AShellThatNeverRunsTheProbeFailsWithItsOwnMessage()
    {
        var provider = new MockCliProvider(Context()) { Timings = Fast with { ShellStartTimeout = TimeSpan.FromMilliseconds(200) } };
        var console = new ScriptedConsole("") { ShellAnswersAfter = null };

        var error = await Assert.ThrowsAsync<TimeoutException>(() => provider.InitializeAsync(console, CancellationToken.None));

        Assert.Contains("did not run a command within 0.2 s", error.Message);
        Assert.Empty(console.Commands); // the CLI was never launched into a shell that is not there
    }

    [Fact]
    public async Task TheStatusMonitorCanAlsoDeclareTheCliReady()
    {
        var provider = new KiroCliProvider(Context()) { Timings = Fast };
        var console = new ScriptedConsole("$ ");
        console.OnCommand = _ => { console.CurrentStatus = TerminalStatus.Idle; return "loading…"; };

        await provider.InitializeAsync(console, CancellationToken.None);

        Assert.Single(console.Commands);
    }

    [Fact]
    public async Task ClaudeTrustDialogIsAcceptedWithEnter()
    {
        var provider = new ClaudeCodeProvider(Context()) { Timings = Fast };
        var console = new ScriptedConsole("$ ")
        {
            OnCommand = _ => "Do you trust the files in this folder?\n\n❯ 1. Yes, I trust this folder\n  2. No, exit\n\nEnter to confirm · Esc to exit",
            OnKey = key => key == "Enter" ? "╭───╮\n" + new string('─', 40) + "\n❯ \n" + new string('─', 40) + "\n  ? for shortcuts" : null,
        };

        await provider.InitializeAsync(console, CancellationToken.None);

        Assert.Equal(["Enter"], console.Keys);
    }

    [Fact]
    public async Task KiroTrustAllToolsConsentIsAcceptedWithDownThenEnter()
    {
        var provider = new KiroCliProvider(Context()) { Timings = Fast };
        var dialog = Screens.Read("kiro_trust_all_tools_dialog.txt");
        var console = new ScriptedConsole("$ ")
        {
            OnCommand = _ => dialog,
            OnKey = key => key == "Enter" ? dialog + "\n[developer] > " : null,
        };

        await provider.InitializeAsync(console, CancellationToken.None);

        Assert.Equal(["Down", "Enter"], console.Keys);
    }

    [Fact]
    public async Task ADialogLeftInScrollbackIsNotAnsweredTwice()
    {
        var provider = new KiroCliProvider(Context()) { Timings = Fast with { DialogRetryAfter = TimeSpan.Zero } };
        var dialog = Screens.Read("kiro_trust_all_tools_dialog.txt");
        var console = new ScriptedConsole("$ ") { OnCommand = _ => dialog };
        var answeredAt = 0;
        console.OnKey = key => { if (key == "Enter") answeredAt = console.Captures; return null; };
        // After the answer the dialog text stays on screen while Kiro loads, then the prompt appears.
        console.OnCapture = n => answeredAt == 0 ? null : n < answeredAt + 5 ? dialog + "\nLoading " + n : dialog + "\n[developer] > ";

        await provider.InitializeAsync(console, CancellationToken.None);

        Assert.Equal(["Down", "Enter"], console.Keys);
    }

    [Fact]
    public async Task ADialogThatIgnoredTheKeysIsAnsweredAgain()
    {
        var provider = new CodexProvider(Context()) { Timings = Fast with { DialogRetryAfter = TimeSpan.FromMilliseconds(30) } };
        var enters = 0;
        var console = new ScriptedConsole("$ ")
        {
            OnCommand = _ => Screens.Read("codex_update_dialog.txt"),
            OnKey = key => key == "Enter" && ++enters == 2 ? Screens.Read("codex_update_dialog_answered.txt") : null,
        };

        await provider.InitializeAsync(console, CancellationToken.None);

        Assert.Equal(["3", "Enter", "3", "Enter"], console.Keys);
    }

    [Fact]
    public async Task CodexUpdateDialogIsSkippedWithOptionThree()
    {
        var provider = new CodexProvider(Context()) { Timings = Fast };
        var console = new ScriptedConsole("$ ")
        {
            OnCommand = _ => Screens.Read("codex_update_dialog.txt"),
            OnKey = key => key == "Enter" ? Screens.Read("codex_update_dialog_answered.txt") : null,
        };

        await provider.InitializeAsync(console, CancellationToken.None);

        Assert.Equal(["3", "Enter"], console.Keys);
    }

    [Fact]
    public async Task CodexTrustPromptIsAcceptedWithEnter()
    {
        var provider = new CodexProvider(Context()) { Timings = Fast };
        var console = new ScriptedConsole("$ ")
        {
            OnCommand = _ => "> You are in /work/repo\n\n  Do you trust the contents of this directory?\n\n› 1. Yes, continue\n  2. No, quit\n\n  Press enter to continue",
            OnKey = key => key == "Enter" ? ">_ OpenAI Codex\n\n› \n\n  ? for shortcuts" : null,
        };

        await provider.InitializeAsync(console, CancellationToken.None);

        Assert.Equal(["Enter"], console.Keys);
    }

    [Fact]
    public async Task CodexTrustDialogIsAnsweredOnlyOnceItHasStoodUnchangedForItsSettleTime()
    {
        var provider = new CodexProvider(Context()) { Timings = Fast with { InitTimeout = TimeSpan.FromSeconds(60) } };
        var shownAt = DateTime.MinValue;
        var enteredAt = DateTime.MinValue;
        var console = new ScriptedConsole("$ ")
        {
            OnCommand = _ => { shownAt = DateTime.UtcNow; return Screens.Read("codex_0.169.0_trust_dialog.txt"); },
            OnKey = key => { enteredAt = DateTime.UtcNow; return key == "Enter" ? ">_ OpenAI Codex\n\n› \n\n  ? for shortcuts" : null; },
        };

        await provider.InitializeAsync(console, CancellationToken.None);

        Assert.Equal(["Enter"], console.Keys);
        Assert.True(enteredAt - shownAt >= CodexProvider.TrustDialogSettle, $"Enter came {(enteredAt - shownAt).TotalMilliseconds:0} ms after the dialog");
    }

    [Fact]
    public async Task ADialogScreenThatKeepsChangingStartsTheSettleWaitAgain()
    {
        var provider = new CodexProvider(Context()) { Timings = Fast with { InitTimeout = TimeSpan.FromSeconds(60) } };
        var dialog = Screens.Read("codex_0.169.0_trust_dialog.txt");
        var lastChangeAt = DateTime.MinValue;
        var enteredAt = DateTime.MinValue;
        var console = new ScriptedConsole("$ ")
        {
            OnCommand = _ => dialog,
            OnKey = key => { enteredAt = DateTime.UtcNow; return key == "Enter" ? ">_ OpenAI Codex\n\n› \n\n  ? for shortcuts" : null; },
        };
        // For its first 20 readings the screen above the dialog still changes (a banner being drawn).
        console.OnCapture = n => enteredAt != DateTime.MinValue ? null : Change(n);

        await provider.InitializeAsync(console, CancellationToken.None);

        Assert.Equal(["Enter"], console.Keys);
        Assert.True(enteredAt - lastChangeAt >= CodexProvider.TrustDialogSettle, $"Enter came {(enteredAt - lastChangeAt).TotalMilliseconds:0} ms after the last change");

        string? Change(int n)
        {
            if (n > 21)
                return null;
            lastChangeAt = DateTime.UtcNow;
            return n <= 20 ? $"loading {n}\n" + dialog : dialog;
        }
    }

    [Fact]
    public async Task ClaudeBypassWarningIsAcceptedWithDownThenEnter()
    {
        var provider = new ClaudeCodeProvider(Context()) { Timings = Fast };
        var console = new ScriptedConsole("$ ")
        {
            OnCommand = _ => "WARNING: Claude Code running in Bypass Permissions mode\n\n❯ 1. No, exit\n  2. Yes, I accept\n\nEnter to confirm · Esc to exit",
            OnKey = key => key switch
            {
                "Down" => "WARNING: Claude Code running in Bypass Permissions mode\n\n  1. No, exit\n❯ 2. Yes, I accept\n\nEnter to confirm · Esc to exit",
                "Enter" => "WARNING: Claude Code running in Bypass Permissions mode\n  2. Yes, I accept\n" + new string('─', 40) + "\n❯ \n" + new string('─', 40),
                _ => null,
            },
        };

        await provider.InitializeAsync(console, CancellationToken.None);

        Assert.Equal(["Down", "Enter"], console.Keys);
    }

    [Fact]
    public async Task DialogTextLeftInScrollbackDoesNotHoldInitBack()
    {
        var provider = new CodexProvider(Context()) { Timings = Fast };
        var console = new ScriptedConsole("$ ") { OnCommand = _ => Screens.Read("codex_update_dialog_answered.txt") };

        await provider.InitializeAsync(console, CancellationToken.None);

        Assert.Empty(console.Keys);
    }

    [Fact]
    public async Task CodexLoginMenuEndsInitForTheOperatorToAnswer()
    {
        var provider = new CodexProvider(Context()) { Timings = Fast };
        var console = new ScriptedConsole("$ ") { OnCommand = _ => ">_ Welcome to Codex\n\n› 1. Sign in with ChatGPT\n  2. Provide your own API key" };

        await provider.InitializeAsync(console, CancellationToken.None);

        Assert.Empty(console.Keys);
    }

    [Fact]
    public async Task ACliThatNeverGetsReadyTimesOutWithAClearMessage()
    {
        var provider = new MockCliProvider(Context()) { Timings = Fast with { InitTimeout = TimeSpan.FromMilliseconds(300) } };
        var console = new ScriptedConsole("$ ") { OnCommand = _ => "$ mock_cli\nstill loading" };

        var error = await Assert.ThrowsAsync<TimeoutException>(() => provider.InitializeAsync(console, CancellationToken.None));

        Assert.Contains("mock_cli did not become ready", error.Message);
        Assert.Contains("0123abcd", error.Message);
        Assert.Contains("provider_init_timeout", error.Message);
    }

    [Fact]
    public async Task InitStopsWhenCancelled()
    {
        var provider = new MockCliProvider(Context()) { Timings = Fast with { InitTimeout = TimeSpan.FromSeconds(30) } };
        var console = new ScriptedConsole("$ ") { OnCommand = _ => "loading" };
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => provider.InitializeAsync(console, cts.Token));
    }

    [Fact]
    public async Task MockCliStartsForRealInAnInteractiveShellAndAnswers()
    {
        using var console = new PtyConsole(_home.Path);
        var provider = new MockCliProvider(Context()) { Timings = Fast with { ShellStartTimeout = TimeSpan.FromSeconds(20), InitTimeout = TimeSpan.FromSeconds(20) } };

        await provider.InitializeAsync(console, CancellationToken.None);
        Assert.Contains("MockCli ready.", console.Output);

        await console.RunCommandAsync("hello from the test", CancellationToken.None);
        var screen = await console.WaitForAsync(o => provider.GetStatus(o) == TerminalStatus.Completed);
        Assert.Equal("hello from the test", provider.ExtractLastMessage(screen));

        await console.RunCommandAsync(provider.ExitCommand, CancellationToken.None);
        await console.WaitForAsync(o => o.Contains("goodbye"));
    }

    [Fact]
    public void InitTimeoutComesFromTheProfileThenTheConfigurationThenTheDefault()
    {
        var configured = CaoConfiguration.Build("/nonexistent/settings.json", new Dictionary<string, string> { ["CAO_PROVIDER_INIT_TIMEOUT"] = "99" })
            .Bind<ProviderOptions>(ProviderOptions.Section).InitTimeout;
        var profile = new AgentProfile { Name = "p", ProviderInitTimeout = 12 };
        Assert.Equal(TimeSpan.FromSeconds(12), InitTimeout.Resolve(profile, configured));
        Assert.Equal(TimeSpan.FromSeconds(99), InitTimeout.Resolve(new AgentProfile { Name = "p" }, configured));
        Assert.Equal(TimeSpan.FromSeconds(60), InitTimeout.Resolve(null, configured: null));
        Assert.Equal(TimeSpan.FromSeconds(15), InitTimeout.Resolve(null, configured: null, TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public void TheCatalogHandsTheConfiguredInitTimeoutToProvidersWhoseProfileSaysNothing()
    {
        var catalog = new ProviderCatalog(_ => "/bin/true", new ProviderOptions { InitTimeout = TimeSpan.FromSeconds(7) });
        var provider = catalog.Create(MockCliProvider.ProviderKey, Context());
        Assert.Equal(TimeSpan.FromSeconds(7), Assert.IsAssignableFrom<ProviderBase>(provider).InitTimeout);
    }

    public void Dispose() => _home.Dispose();
}
