using CliAgentOrchestrator.Core.Profiles;
using CliAgentOrchestrator.Core.Providers;

namespace CliAgentOrchestrator.Tests.Providers;

public sealed class KiroCliProviderTests
{
    private static KiroCliProvider Provider(AgentProfile? profile, IReadOnlyList<string>? tools = null, string? model = null, bool legacy = false) =>
        new(new ProviderContext("0123abcd", "cao-t", "developer-ab12", profile, tools, Path.GetTempPath(), model, "developer")) { LegacyUi = legacy };

    [Fact]
    public void LaunchNamesTheInstalledAgent()
    {
        Assert.Equal("kiro-cli chat --agent-engine v2 --trust-all-tools --agent developer", Provider(null).BuildLaunchCommand());
        Assert.EndsWith("--agent reviewer", Provider(new AgentProfile { Name = "reviewer" }).BuildLaunchCommand());
    }

    [Fact]
    public void UnrestrictedToolsOrTheLegacyOptionSelectTheLegacyUi()
    {
        Assert.Contains("--legacy-ui", Provider(null, ["*"]).BuildLaunchCommand());
        Assert.Contains("--legacy-ui", Provider(null, legacy: true).BuildLaunchCommand());
        Assert.DoesNotContain("--legacy-ui", Provider(null, ["fs_read"]).BuildLaunchCommand());
    }

    [Fact]
    public void ModelComesFromTheOverrideElseTheProfile()
    {
        Assert.Contains("--model m1", Provider(new AgentProfile { Name = "developer", Model = "m1" }).BuildLaunchCommand());
        Assert.Contains("--model m2", Provider(new AgentProfile { Name = "developer", Model = "m1" }, model: "m2").BuildLaunchCommand());
    }

    [Fact]
    public void InputSettings()
    {
        var provider = Provider(null);
        Assert.Equal(2, provider.PasteEnterCount);
        Assert.Equal(TimeSpan.FromSeconds(1), provider.PasteSubmitDelay);
        Assert.Equal("/quit", provider.ExitCommand);
    }

    [Theory]
    [InlineData("[reviewer] 3% λ > ", TerminalStatus.Idle)]
    [InlineData("[reviewer] 3% λ ! > ", TerminalStatus.Idle)]
    [InlineData("[reviewer] > do it\n\nThinking...", TerminalStatus.Processing)]
    [InlineData("[reviewer] > do it\n> Done.\n[reviewer] > ", TerminalStatus.Completed)]
    [InlineData("> old answer\n[reviewer] > next\n\n[reviewer] > ", TerminalStatus.Idle)]
    [InlineData("> x = a[i]> b\nstill typing", TerminalStatus.Processing)]
    public void LegacyPromptRulesGeneraliseAcrossAgentsAndDecorations(string screen, TerminalStatus expected)
    {
        Assert.Equal(expected, Provider(null).GetStatus(screen));
    }

    [Fact]
    public void AnAnsweredPermissionWhoseToolIsRunningIsNotWaiting()
    {
        var screen = "Allow this action? [y/n/t]:\n\n[developer] > y\n\nRunning tool fs_write...";
        Assert.Equal(TerminalStatus.Processing, Provider(null).GetStatus(screen));
    }
}
