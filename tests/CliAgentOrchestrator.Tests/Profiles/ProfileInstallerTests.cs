using System.Text.Json;
using CliAgentOrchestrator.Core.Profiles;
using CliAgentOrchestrator.Tests.Providers;

using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Profiles;

public sealed class ProfileInstallerTests : IDisposable
{
    private readonly TempDirectory _home = new();
    private readonly TempDirectory _work = new();

    private string KiroDir => _work.Combine("kiro-agents");

    private ProfileInstaller Installer() => new(new ProfileStore(_home.Path, variables: new ProfileVariables(_home.Path, _ => null)), KiroDir);

    private const string Analyst = """
        ---
        name: data_analyst
        description: Crunches numbers
        role: reviewer
        model: opus
        tools: ["fs_read", "@cao-mcp-server"]
        resources: ["file://README.md"]
        mcpServers:
          cao-mcp-server:
            command: cao
            args: [mcp-server]
        ---
        You analyse data.
        """;

    [Fact]
    public void InstallingAFileCopiesItAndWritesTheKiroAgent()
    {
        var source = _work.Write("profiles/analyst.md", Analyst);

        var result = Installer().Install(source);

        Assert.Equal("data_analyst", result.Name);
        Assert.Equal(_home.Combine("agent-store", "data_analyst.md"), result.StorePath);
        Assert.Equal(Analyst, File.ReadAllText(result.StorePath!));
        Assert.Equal(_home.Combine("agent-context", "data_analyst.md"), result.ContextPath);
        Assert.Equal(Analyst, File.ReadAllText(result.ContextPath));
        Assert.Equal(Path.Combine(KiroDir, "data_analyst.json"), result.KiroAgentPath);
    }

    [Fact]
    public void TheKiroAgentHoldsPromptToolsAllowedToolsAndMcpServers()
    {
        var result = Installer().Install(_work.Write("analyst.md", Analyst));

        using var doc = JsonDocument.Parse(File.ReadAllText(result.KiroAgentPath));
        var agent = doc.RootElement;
        Assert.Equal("data_analyst", agent.GetProperty("name").GetString());
        Assert.Equal("Crunches numbers", agent.GetProperty("description").GetString());
        Assert.Equal("You analyse data.", agent.GetProperty("prompt").GetString());
        Assert.Equal("opus", agent.GetProperty("model").GetString());
        Assert.Equal(["fs_read", "@cao-mcp-server"], agent.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["@builtin", "fs_read", "fs_list", "@cao-mcp-server"], agent.GetProperty("allowedTools").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["file://README.md"], agent.GetProperty("resources").EnumerateArray().Select(t => t.GetString()));
        var cao = agent.GetProperty("mcpServers").GetProperty("cao-mcp-server");
        Assert.Equal("cao", cao.GetProperty("command").GetString());
        Assert.Equal(["mcp-server"], cao.GetProperty("args").EnumerateArray().Select(t => t.GetString()));
        Assert.True(cao.GetProperty("timeout").GetInt64() > 120_000, "cao-mcp-server needs a raised timeout for handoff");
    }

    [Fact]
    public void InstallingABuiltInByNameWritesContextAndKiroAgentOnly()
    {
        var result = Installer().Install("developer");

        Assert.Null(result.StorePath);
        Assert.False(Directory.Exists(_home.Combine("agent-store")));
        Assert.Equal(ProfileStore.ReadBuiltIn("developer"), File.ReadAllText(result.ContextPath));
        using var doc = JsonDocument.Parse(File.ReadAllText(result.KiroAgentPath));
        Assert.Equal(["*"], doc.RootElement.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public void InstalledCopiesKeepPlaceholdersWhileTheKiroAgentGetsTheirValues()
    {
        _home.Write(".env", "TEAM=blue\n");
        var store = new ProfileStore(_home.Path, variables: new ProfileVariables(_home.Path, _ => null));
        var source = _work.Write("team.md", "---\nname: team\ndescription: ${TEAM} team\n---\nWork for ${TEAM}.");

        var result = new ProfileInstaller(store, KiroDir).Install(source);

        Assert.Contains("${TEAM}", File.ReadAllText(result.StorePath!));
        using var doc = JsonDocument.Parse(File.ReadAllText(result.KiroAgentPath));
        Assert.Equal("blue team", doc.RootElement.GetProperty("description").GetString());
        Assert.Equal("Work for blue.", doc.RootElement.GetProperty("prompt").GetString());
    }

    [Fact]
    public void AFileWithoutANameUsesItsStem()
    {
        var result = Installer().Install(_work.Write("quick_helper.md", "Help quickly."));
        Assert.Equal("quick_helper", result.Name);
        Assert.True(File.Exists(Path.Combine(KiroDir, "quick_helper.json")));
    }

    [Fact]
    public void AnInvalidProfileNameIsRefusedWithoutWritingAnything()
    {
        var source = _work.Write("bad.md", "---\nname: ../../escape\n---\nx");

        var error = Assert.Throws<ProfileException>(() => Installer().Install(source));

        Assert.Contains("Invalid agent profile name '../../escape'", error.Message);
        Assert.False(Directory.Exists(_home.Combine("agent-store")));
        Assert.False(Directory.Exists(KiroDir));
    }

    [Fact]
    public void UnknownNamesAndMissingFilesGiveClearErrors()
    {
        Assert.Contains("not found", Assert.Throws<ProfileException>(() => Installer().Install("nobody")).Message);
        Assert.Contains("does not exist", Assert.Throws<ProfileException>(() => Installer().Install(_work.Combine("missing.md"))).Message);
        Assert.Contains("URL", Assert.Throws<ProfileException>(() => Installer().Install("https://example.com/a.md")).Message);
    }

    [Fact]
    public void TheKiroAgentsDirectoryComesFromCaoAgentsDirElseTheUsersKiroFolder()
    {
        Assert.Equal("/custom/agents", ProfileInstaller.DefaultKiroAgentsDirectory("/home/u", _ => "/custom/agents"));
        Assert.Equal(Path.Combine("/home/u", ".kiro", "agents"), ProfileInstaller.DefaultKiroAgentsDirectory("/home/u", _ => null));
    }

    public void Dispose()
    {
        _home.Dispose();
        _work.Dispose();
    }
}
