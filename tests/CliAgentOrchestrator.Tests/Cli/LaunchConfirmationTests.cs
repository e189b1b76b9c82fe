using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Cli;

/// <summary>
/// The tool-policy confirmation happens before any request, so these run without a server: a launch
/// that got past the confirmation fails with "Failed to connect", one that did not says "cancelled".
/// </summary>
public sealed class LaunchConfirmationTests
{
    private static readonly string[] KiroLaunch = ["launch", "--agents", "reviewer", "--provider", "kiro_cli", "--headless"];

    [Fact]
    public async Task AtATerminalAnsweringNoCancelsBeforeAnythingIsCreated()
    {
        using var home = new TempDirectory();
        var context = CliRunner.ContextWithoutServer(new CaoHome(home.Path)) with { Interactive = true, Input = new StringReader("n\n") };

        var result = await CliRunner.RunAsync(context, KiroLaunch);

        Assert.Equal(1, result.ExitCode);
        Assert.EndsWith("error: Launch cancelled.", result.ErrorLines[^1]); // after the prompt: a real terminal echoes the answer's newline
        Assert.Contains("Agent 'reviewer' launching on kiro_cli:", result.Error);
        Assert.Contains("Allowed:   @builtin, fs_read, fs_list, @cao-mcp-server", result.Error);
        Assert.Contains("Proceed? [Y/n]", result.Error);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("y\n")]
    public async Task AtATerminalEnterOrYesGoesOnToCreateTheSession(string answer)
    {
        using var home = new TempDirectory();
        var context = CliRunner.ContextWithoutServer(new CaoHome(home.Path)) with { Interactive = true, Input = new StringReader(answer) };

        var result = await CliRunner.RunAsync(context, KiroLaunch);

        Assert.Contains("Proceed? [Y/n]", result.Error);
        Assert.Contains("error: Failed to connect to cao-server", result.ErrorLines[^1]);
    }

    [Fact]
    public async Task WithoutATerminalNothingIsAsked()
    {
        using var home = new TempDirectory();
        var context = CliRunner.ContextWithoutServer(new CaoHome(home.Path)) with { Input = new StringReader("n\n") };

        var result = await CliRunner.RunAsync(context, KiroLaunch);

        Assert.DoesNotContain("Proceed?", result.Error);
        Assert.StartsWith("error: Failed to connect to cao-server", Assert.Single(result.ErrorLines));
    }

    [Theory]
    [InlineData("--auto-approve", "")]
    [InlineData("--yolo", "[WARNING] --yolo: agent 'reviewer' launches UNRESTRICTED on kiro_cli")]
    public async Task AutoApproveAndYoloSkipTheQuestion(string flag, string warning)
    {
        using var home = new TempDirectory();
        var context = CliRunner.ContextWithoutServer(new CaoHome(home.Path)) with { Interactive = true, Input = new StringReader("n\n") };

        var result = await CliRunner.RunAsync(context, [.. KiroLaunch, flag]);

        Assert.DoesNotContain("Proceed?", result.Error);
        Assert.Contains(warning, result.Error);
        Assert.Contains("error: Failed to connect to cao-server", result.ErrorLines[^1]);
    }
}
