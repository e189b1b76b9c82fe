using CliAgentOrchestrator.Core.Profiles;

namespace CliAgentOrchestrator.Tests.Profiles;

public sealed class ProfileParserTests
{
    private const string Full = """
        ---
        name: data_analyst
        description: Crunches numbers
        provider: claude_code
        role: reviewer
        model: opus
        allowedTools: ["fs_read", "@cao-mcp-server"]
        provider_init_timeout: 90
        permissionMode: acceptEdits
        native_agent: analyst
        codexProfile: careful
        codexConfig:
          model_reasoning_effort: high
          hide_agent_reasoning: true
        claudeConfig:
          effort: medium
        engine: v2
        tags: [data, "analysis"]
        resources: ["file://README.md"]
        mcpServers:
          cao-mcp-server:
            type: stdio
            command: cao
            args: [mcp-server]
            env:
              LEVEL: "3"
            timeout: 120000
        ---
        # Analyst

        You analyse data.
        """;

    [Fact]
    public void FrontmatterFieldsAreTyped()
    {
        var profile = ProfileParser.Parse(Full, "file_stem");

        Assert.Equal("data_analyst", profile.Name);
        Assert.Equal("Crunches numbers", profile.Description);
        Assert.Equal("claude_code", profile.Provider);
        Assert.Equal("reviewer", profile.Role);
        Assert.Equal("opus", profile.Model);
        Assert.Equal(["fs_read", "@cao-mcp-server"], profile.AllowedTools);
        Assert.Equal(90, profile.ProviderInitTimeout);
        Assert.Equal("acceptEdits", profile.PermissionMode);
        Assert.Equal("analyst", profile.NativeAgent);
        Assert.Equal("careful", profile.CodexProfile);
        Assert.Equal("high", profile.CodexConfig["model_reasoning_effort"]);
        Assert.Equal(true, profile.CodexConfig["hide_agent_reasoning"]);
        Assert.Equal("medium", profile.ClaudeConfig["effort"]);
        Assert.Equal("v2", profile.Engine);
        Assert.Equal(["data", "analysis"], profile.Tags);
    }

    [Fact]
    public void McpServersAreParsed()
    {
        var server = ProfileParser.Parse(Full, "x").McpServers["cao-mcp-server"];

        Assert.Equal("stdio", server.Type);
        Assert.Equal("cao", server.Command);
        Assert.Equal(["mcp-server"], server.Args);
        Assert.Equal("3", server.Env["LEVEL"]);
        Assert.Equal(120000, server.Timeout);
    }

    [Fact]
    public void TheBodyIsTheSystemPrompt()
    {
        var profile = ProfileParser.Parse(Full, "x");
        Assert.Equal("# Analyst\n\nYou analyse data.", profile.SystemPrompt);
        Assert.Equal(profile.SystemPrompt, profile.EffectiveSystemPrompt);
    }

    [Fact]
    public void UnmodelledFieldsStayInTheFrontmatter()
    {
        var frontmatter = ProfileParser.Parse(Full, "x").Frontmatter;
        Assert.Equal(["file://README.md"], Assert.IsType<List<object?>>(frontmatter["resources"]));
    }

    [Fact]
    public void MissingNameFallsBackToTheFileStemAndDescriptionToEmpty()
    {
        var profile = ProfileParser.Parse("---\nrole: developer\n---\nDo work.", "my_stem");
        Assert.Equal("my_stem", profile.Name);
        Assert.Equal("", profile.Description);
        Assert.Null(profile.AllowedTools);
    }

    [Fact]
    public void AFileWithoutFrontmatterIsAllPrompt()
    {
        var profile = ProfileParser.Parse("Just a prompt.\n---\nwith a rule", "plain");
        Assert.Equal("plain", profile.Name);
        Assert.Equal("Just a prompt.\n---\nwith a rule", profile.SystemPrompt);
    }

    [Fact]
    public void WindowsLineEndingsAreAccepted()
    {
        var profile = ProfileParser.Parse("---\r\nname: crlf\r\n---\r\nBody\r\n", "x");
        Assert.Equal("crlf", profile.Name);
        Assert.Equal("Body", profile.SystemPrompt);
    }

    [Fact]
    public void QuotedScalarsStayStrings()
    {
        var profile = ProfileParser.Parse("---\ncodexConfig:\n  a: \"true\"\n  b: 5\n---\n", "x");
        Assert.Equal("true", profile.CodexConfig["a"]);
        Assert.Equal(5L, profile.CodexConfig["b"]);
    }

    [Fact]
    public void FrontmatterPromptIsUsedWhenTheBodyIsEmpty()
    {
        var profile = ProfileParser.Parse("---\nprompt: Be brief.\n---\n", "x");
        Assert.Equal("Be brief.", profile.EffectiveSystemPrompt);
    }

    [Fact]
    public void InvalidYamlIsReportedWithTheProfileName()
    {
        var error = Assert.Throws<ProfileException>(() => ProfileParser.Parse("---\nname: [unclosed\n---\nx", "broken"));
        Assert.Contains("'broken'", error.Message);
        Assert.Contains("YAML", error.Message);
    }

    [Fact]
    public void FrontmatterThatIsNotAMappingIsRejected()
    {
        var error = Assert.Throws<ProfileException>(() => ProfileParser.Parse("---\n- a\n- b\n---\nx", "list"));
        Assert.Contains("mapping", error.Message);
    }
}
