using CliAgentOrchestrator.Core.Tmux;
using System.Text.Json;
using CliAgentOrchestrator.Core.Profiles;
using CliAgentOrchestrator.Core.Providers;

using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Providers;

public sealed class ClaudeCodeProviderTests : IDisposable
{
    private readonly TempDirectory _home = new();

    private ClaudeCodeProvider Provider(AgentProfile? profile, IReadOnlyList<string>? tools = null, string? model = null, bool root = false) =>
        new(new ProviderContext("0123abcd", "cao-t", "code_supervisor-ab12", profile, tools, _home.Path, model, "code_supervisor")) { RunningAsRoot = root };

    [Fact]
    public void LaunchPassesPromptAndStrictMcpConfigFiles()
    {
        var provider = Provider(ProfileSamples.Supervisor());

        var command = provider.BuildLaunchCommand();

        var prompt = _home.Combine("tmp", "0123abcd.prompt");
        var mcp = _home.Combine("tmp", "0123abcd.mcp.json");
        Assert.Contains($"claude --dangerously-skip-permissions --append-system-prompt-file {prompt} --mcp-config {mcp} --strict-mcp-config", command);
        Assert.StartsWith("unset ", command);
        Assert.Contains("CLAUDECODE", command.Split(';')[0]);
        Assert.Equal("You coordinate.\nIt's fine.", File.ReadAllText(prompt));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void TempFilesAreOwnerOnly()
    {
        var provider = Provider(ProfileSamples.Supervisor());
        provider.BuildLaunchCommand();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(provider.PromptFilePath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(provider.McpConfigPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_home.Combine("tmp")));
    }

    [Fact]
    public void McpConfigAddsTheTerminalIdToEveryServer()
    {
        var provider = Provider(ProfileSamples.Supervisor());
        provider.BuildLaunchCommand();

        using var doc = JsonDocument.Parse(File.ReadAllText(provider.McpConfigPath));
        var servers = doc.RootElement.GetProperty("mcpServers");
        var cao = servers.GetProperty("cao-mcp-server");
        Assert.Equal("stdio", cao.GetProperty("type").GetString());
        Assert.Equal("cao-test-binary-that-does-not-exist", cao.GetProperty("command").GetString());
        Assert.Equal(["mcp-server"], cao.GetProperty("args").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("0123abcd", cao.GetProperty("env").GetProperty("CAO_TERMINAL_ID").GetString());
        var docs = servers.GetProperty("docs");
        Assert.Equal("s3cret", docs.GetProperty("env").GetProperty("TOKEN").GetString());
        Assert.Equal("0123abcd", docs.GetProperty("env").GetProperty("CAO_TERMINAL_ID").GetString());
    }

    [Fact]
    public void GivenTheServersEndpointCaosEntryIsAnHttpServerAndTheOthersStayAsWritten()
    {
        var provider = new ClaudeCodeProvider(ProfileSamples.GivenTheServersMcpEndpoint(_home.Path));
        provider.BuildLaunchCommand();

        using var doc = JsonDocument.Parse(File.ReadAllText(provider.McpConfigPath));
        var servers = doc.RootElement.GetProperty("mcpServers");
        var cao = servers.GetProperty("cao-mcp-server");
        Assert.Equal(["type", "url", "timeout"], cao.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("http", ProfileSamples.McpUrl), (cao.GetProperty("type").GetString(), cao.GetProperty("url").GetString()));
        // Claude Code's own default gives up on an HTTP call that has not answered within 60 s: a handoff waits for an hour and more.
        Assert.Equal(3_780_000, cao.GetProperty("timeout").GetDouble());
        Assert.Equal("s3cret", servers.GetProperty("docs").GetProperty("env").GetProperty("TOKEN").GetString());
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void TheCaoServerCommandIsResolvedToAnAbsolutePathWhenOnPath()
    {
        using var bin = new TempDirectory();
        var fake = bin.Write("cao", "#!/bin/sh\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        var profile = ProfileSamples.Supervisor() with
        {
            McpServers = new Dictionary<string, McpServerConfig> { ["cao-mcp-server"] = new() { Command = "cao", Args = ["mcp-server"] } },
        };
        var context = new ProviderContext("0123abcd", "s", "w-0000", profile, null, _home.Path);

        var servers = McpServers.ForTerminal(context, bin.Path);

        Assert.Equal(fake, servers["cao-mcp-server"].Command);
    }

    [Fact]
    public void ATerminalIdThatIsAPathIsRefusedBeforeWriting()
    {
        var provider = new ClaudeCodeProvider(new ProviderContext("../../x", "s", "w-0000", ProfileSamples.Supervisor(), null, _home.Path));
        Assert.Throws<ArgumentException>(() => provider.BuildLaunchCommand());
        Assert.Empty(Directory.EnumerateFiles(_home.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void CleanupRemovesTheTempFiles()
    {
        var provider = Provider(ProfileSamples.Supervisor());
        provider.BuildLaunchCommand();
        Assert.True(File.Exists(provider.PromptFilePath));

        provider.Cleanup();

        Assert.False(File.Exists(provider.PromptFilePath));
        Assert.False(File.Exists(provider.McpConfigPath));
    }

    [Fact]
    public void ProfileSettingsBecomeFlags()
    {
        var profile = ProfileSamples.Supervisor() with
        {
            PermissionMode = "acceptEdits",
            Model = "opus",
            ClaudeConfig = new Dictionary<string, object?> { ["effort"] = "high", ["fallbackModel"] = "sonnet" },
        };

        var command = Provider(profile).BuildLaunchCommand();

        Assert.Contains("--permission-mode acceptEdits", command);
        Assert.DoesNotContain("--dangerously-skip-permissions", command);
        Assert.Contains("--model opus", command);
        Assert.Contains("--effort high", command);
        Assert.Contains("--fallback-model sonnet", command);
    }

    [Fact]
    public void ModelOverrideWinsOverTheProfile()
    {
        var command = Provider(ProfileSamples.Supervisor() with { Model = "opus" }, model: "haiku").BuildLaunchCommand();
        Assert.Contains("--model haiku", command);
        Assert.DoesNotContain("opus", command);
    }

    [Fact]
    public void RootSkipsTheBypassFlag()
    {
        Assert.DoesNotContain("--dangerously-skip-permissions", Provider(ProfileSamples.Supervisor(), root: true).BuildLaunchCommand());
    }

    [Fact]
    public void NativeAgentAndMissingProfileUseAgentFlagOnly()
    {
        var native = Provider(ProfileSamples.Supervisor() with { NativeAgent = "my-agent" }).BuildLaunchCommand();
        Assert.Contains("--agent my-agent", native);
        Assert.DoesNotContain("--mcp-config", native);

        var missing = Provider(null).BuildLaunchCommand();
        Assert.Contains("--agent code_supervisor", missing);
        Assert.False(Directory.Exists(_home.Combine("tmp")) && Directory.EnumerateFiles(_home.Combine("tmp")).Any());
    }

    [Fact]
    public void RestrictedToolsBlockTheClaudeToolsTheyDoNotAllow()
    {
        var blocked = ClaudeCodeProvider.BlockedTools(["@cao-mcp-server", "fs_read", "fs_list"]);
        Assert.Contains("Bash", blocked);
        Assert.Contains("Write", blocked);
        Assert.Contains("Edit", blocked);
        Assert.DoesNotContain("Read", blocked);
        Assert.DoesNotContain("Glob", blocked);
        Assert.Empty(ClaudeCodeProvider.BlockedTools(["*"]));
        Assert.Empty(ClaudeCodeProvider.BlockedTools(null));

        var command = Provider(ProfileSamples.Supervisor(), tools: ["fs_read"]).BuildLaunchCommand();
        Assert.Contains("--disallowedTools Bash", command);
    }

    [Fact]
    public void PromptsWithQuotesSurviveShellQuoting()
    {
        Assert.Equal("'it'\\''s'", ShellQuote.Quote("it's"));
        Assert.Equal("plain-word", ShellQuote.Quote("plain-word"));
        Assert.Equal("''", ShellQuote.Quote(""));
    }

    [Fact]
    public void InputSettings()
    {
        var provider = Provider(null);
        Assert.Equal("/exit", provider.ExitCommand);
        Assert.Equal(2, provider.PasteEnterCount);
        Assert.Equal(TimeSpan.FromSeconds(2), provider.PasteSubmitDelay);
    }

    [Theory]
    [InlineData("───────────────────────────\n❯ \n───────────────────────────\n  ? for shortcuts", TerminalStatus.Idle)]
    [InlineData("❯ fix it\n\n⏺ Done.\n\n✻ Worked for 3s\n───────────────────────────\n❯ \n───────────────────────────", TerminalStatus.Completed)]
    [InlineData("❯ fix it\n\n⏺ Reading files\n\n✽ Pondering… (4s · esc to interrupt)\n───────────────────────────\n❯ \n───────────────────────────", TerminalStatus.Processing)]
    [InlineData("❯ fix it\n⏺ Bash(rm -rf build)\n\nDo you want to proceed?\n❯ 1. Yes\n  2. No, and tell Claude what to do differently (esc)", TerminalStatus.WaitingUserAnswer)]
    [InlineData("❯ fix it\n  ⎿  API Error: 529 overloaded\n───────────────────────────\n❯ \n───────────────────────────", TerminalStatus.Error)]
    [InlineData("", TerminalStatus.Unknown)]
    public void StatusRulesCoverEachState(string screen, TerminalStatus expected)
    {
        Assert.Equal(expected, Provider(null).GetStatus(screen));
    }

    public void Dispose() => _home.Dispose();
}
