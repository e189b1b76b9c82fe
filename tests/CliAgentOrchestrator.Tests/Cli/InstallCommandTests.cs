using System.Text.Json.Nodes;
using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Cli;

public sealed class InstallCommandTests
{
    private const string Profile = """
        ---
        name: pelican_expert
        description: Knows pelicans
        role: reviewer
        ---
        You answer questions about pelicans.
        """;

    [Fact]
    public async Task InstallingAProfileFilePutsItInTheStoreAndWritesTheKiroAgent()
    {
        using var home = new TempDirectory();
        using var work = new TempDirectory();
        var kiro = Path.Combine(work.Path, "kiro-agents");
        var file = Path.Combine(work.Path, "pelican.md");
        await File.WriteAllTextAsync(file, Profile);

        var result = await CliRunner.RunAsync(CliRunner.ContextWithoutServer(new CaoHome(home.Path), kiro), "install", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        var stored = Path.Combine(home.Path, "agent-store", "pelican_expert.md");
        Assert.Equal(Profile, await File.ReadAllTextAsync(stored));
        Assert.Equal(Profile, await File.ReadAllTextAsync(Path.Combine(home.Path, "agent-context", "pelican_expert.md")));
        var agent = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(kiro, "pelican_expert.json")))!;
        Assert.Equal("pelican_expert", agent["name"]!.GetValue<string>());
        Assert.Contains($"✓ Copied to the agent store: {stored}", result.Out);
        Assert.Contains("✓ Agent 'pelican_expert' installed", result.Out);
        Assert.Contains($"✓ kiro_cli agent: {Path.Combine(kiro, "pelican_expert.json")}", result.Out);
    }

    [Fact]
    public async Task InstallingABuiltInByNameWritesContextAndKiroAgentOnly()
    {
        using var home = new TempDirectory();
        using var work = new TempDirectory();

        var result = await CliRunner.RunAsync(CliRunner.ContextWithoutServer(new CaoHome(home.Path), work.Path),
            "install", "reviewer", "--provider", "claude_code");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(home.Path, "agent-context", "reviewer.md")));
        Assert.True(File.Exists(Path.Combine(work.Path, "reviewer.json")));
        Assert.False(File.Exists(Path.Combine(home.Path, "agent-store", "reviewer.md")));
        Assert.Contains("claude_code needs no provider-side file", result.Out);
    }

    [Theory]
    [InlineData("no_such_agent", "Agent profile 'no_such_agent' not found")]
    [InlineData("./missing.md", "Profile file './missing.md' does not exist.")]
    public async Task AProfileThatCannotBeFoundIsOneLine(string source, string expected)
    {
        using var home = new TempDirectory();
        using var work = new TempDirectory();

        var result = await CliRunner.RunAsync(CliRunner.ContextWithoutServer(new CaoHome(home.Path), work.Path), "install", source);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: " + expected, line);
    }

    [Fact]
    public async Task AnUnknownProviderIsOneLine()
    {
        using var home = new TempDirectory();

        var result = await CliRunner.RunAsync(CliRunner.ContextWithoutServer(new CaoHome(home.Path), home.Path), "install", "developer", "--provider", "vim");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["error: Unknown provider 'vim'; use one of: kiro_cli, claude_code, codex, copilot_cli, opencode_cli, mock_cli."], result.ErrorLines);
    }
}
