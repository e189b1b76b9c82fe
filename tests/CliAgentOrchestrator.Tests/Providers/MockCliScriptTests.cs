using CliAgentOrchestrator.Core.Providers;

namespace CliAgentOrchestrator.Tests.Providers;

/// <summary>Runs the shipped tools/mock_cli for real (reference §8.4).</summary>
public sealed class MockCliScriptTests
{
    private static MockCliProcess Start(params string[] args) => new(MockCliProvider.DefaultScriptPath, args);

    private static int Count(string text, string part) => text.Split(part).Length - 1;

    [Fact]
    public async Task StartsWithBannerAndPrompt()
    {
        using var cli = Start();
        var output = await cli.WaitForAsync(o => o.Contains("❯ "));
        Assert.StartsWith("MockCli ready.\n❯ ", output);
    }

    [Fact]
    public async Task EchoesEachLineAsAMockAnswerAndRedrawsThePrompt()
    {
        using var cli = Start("--delay-ms", "10");
        await cli.WaitForAsync(o => o.Contains("❯ "));
        cli.SendLine("hello world");
        var output = await cli.WaitForAsync(o => Count(o, "❯ ") == 2);
        Assert.Contains("> MOCK: hello world\n❯ ", output);
    }

    [Fact]
    public async Task BracketedPasteMarkersAreStripped()
    {
        using var cli = Start("--delay-ms", "0");
        await cli.WaitForAsync(o => o.Contains("❯ "));
        cli.SendLine("\u001b[200~pasted text\u001b[201~");
        var output = await cli.WaitForAsync(o => o.Contains("> MOCK:") && Count(o, "❯ ") == 2);
        Assert.Contains("> MOCK: pasted text\n", output);
        Assert.DoesNotContain("\u001b", output);
    }

    [Fact]
    public async Task EmptyLineOnlyRedrawsThePrompt()
    {
        using var cli = Start();
        await cli.WaitForAsync(o => o.Contains("❯ "));
        cli.SendLine("");
        var output = await cli.WaitForAsync(o => Count(o, "❯ ") == 2);
        Assert.Equal("MockCli ready.\n❯ ❯ ", output);
    }

    [Fact]
    public async Task ErrorInjectionPrintsTheErrorAndKeepsRunning()
    {
        using var cli = Start();
        await cli.WaitForAsync(o => o.Contains("❯ "));
        cli.SendLine("__mock_error__");
        var output = await cli.WaitForAsync(o => Count(o, "❯ ") == 2);
        Assert.Contains("ERROR: mock failure injected\n❯ ", output);
        Assert.False(cli.HasExited);
    }

    [Fact]
    public async Task SleepInjectionAnswersAfterTheSleep()
    {
        using var cli = Start();
        await cli.WaitForAsync(o => o.Contains("❯ "));
        var started = DateTime.UtcNow;
        cli.SendLine("__mock_sleep_1");
        var output = await cli.WaitForAsync(o => o.Contains("> MOCK: slept 1s"));
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9), "answered before the sleep ended");
        Assert.Contains("> MOCK: slept 1s\n", output);
    }

    [Fact]
    public async Task ApprovalWaitsForAnAnswer()
    {
        using var cli = Start();
        await cli.WaitForAsync(o => o.Contains("❯ "));
        cli.SendLine("__mock_approval__ delete the branch?");
        var asked = await cli.WaitForAsync(o => o.Contains("APPROVAL_REQUIRED:"));
        Assert.Contains("APPROVAL_REQUIRED: delete the branch?", asked);
        Assert.Equal(1, Count(asked, "❯ "));

        cli.SendLine("y");
        var answered = await cli.WaitForAsync(o => Count(o, "❯ ") == 2);
        Assert.Contains("> MOCK: approved", answered);
    }

    [Fact]
    public async Task RefusedApprovalIsReported()
    {
        using var cli = Start();
        await cli.WaitForAsync(o => o.Contains("❯ "));
        cli.SendLine("__mock_approval__");
        await cli.WaitForAsync(o => o.Contains("APPROVAL_REQUIRED:"));
        cli.SendLine("n");
        Assert.Contains("> MOCK: denied", await cli.WaitForAsync(o => Count(o, "❯ ") == 2));
    }

    [Theory]
    [InlineData("/exit")]
    [InlineData("/quit")]
    public async Task ExitCommandsSayGoodbyeAndExit(string command)
    {
        using var cli = Start();
        await cli.WaitForAsync(o => o.Contains("❯ "));
        cli.SendLine(command);
        Assert.True(await cli.WaitForExitAsync(), "mock_cli did not exit");
        Assert.Equal(0, cli.ExitCode);
        // The output pump may still be draining the pipe when the exit is seen.
        Assert.EndsWith("goodbye\n", await cli.WaitForAsync(o => o.EndsWith("goodbye\n")));
    }

    [Fact]
    public async Task ProviderReadsTheScriptsOwnOutput()
    {
        using var cli = Start("--delay-ms", "0");
        var provider = new MockCliProvider(new ProviderContext("0123abcd", "cao-t", "w-0000", null, null, Path.GetTempPath()));
        await cli.WaitForAsync(o => o.Contains("❯ "));
        Assert.Equal(TerminalStatus.Idle, provider.GetStatus(cli.Output));

        // Without a terminal there is no echo, so the typed line is added the way tmux would show it.
        cli.SendLine("ship it");
        var output = await cli.WaitForAsync(o => Count(o, "❯ ") == 2);
        var screen = output.Replace("❯ > MOCK:", "❯ ship it\n> MOCK:");
        Assert.Equal(TerminalStatus.Completed, provider.GetStatus(screen));
        Assert.Equal("ship it", provider.ExtractLastMessage(screen));
    }

    [Fact]
    public async Task RejectsABadDelay()
    {
        using var cli = Start("--delay-ms", "soon");
        Assert.True(await cli.WaitForExitAsync());
        Assert.NotEqual(0, cli.ExitCode);
        Assert.Contains("--delay-ms needs a whole number", await cli.WaitForAsync(o => o.Contains("needs a whole number")));
    }
}
