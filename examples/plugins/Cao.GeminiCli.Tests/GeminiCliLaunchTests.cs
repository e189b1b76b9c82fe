using System.Text.Json.Nodes;
using CliAgentOrchestrator.Plugins.Providers;

namespace Cao.GeminiCli.Tests;

/// <summary>The launch command and the per-terminal Gemini home it points at.</summary>
public sealed class GeminiCliLaunchTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cao-gemini-tests-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string CaoHome => Path.Combine(_root, "cao");

    private string UserGemini => Path.Combine(_root, "user", ".gemini");

    private static readonly AgentProfile Developer = new()
    {
        Name = "developer",
        SystemPrompt = "You are the developer.",
        McpServers = new Dictionary<string, McpServerConfig>
        {
            [McpServers.CaoServerName] = new() { Command = "/opt/cao/bin/cao", Args = ["mcp-server"] },
        },
    };

    private GeminiCliProvider Provider(AgentProfile? profile, IReadOnlyList<string>? allowed = null, string? model = null) =>
        new(new ProviderContext("a1b2c3d4", "cao-s", "developer-0001", profile, allowed, CaoHome, model)) { UserGeminiFolder = UserGemini };

    [Fact]
    public void The_command_moves_gemini_home_skips_the_trust_question_and_runs_yolo_when_unrestricted()
    {
        var provider = Provider(Developer, model: "gemini-2.5-pro");
        var command = provider.BuildLaunchCommand();
        Assert.Equal($"GEMINI_CLI_HOME={provider.GeminiHome} gemini --skip-trust --approval-mode yolo --model gemini-2.5-pro", command);
    }

    [Fact]
    public void A_restricted_agent_keeps_the_default_approval_mode_and_trusts_only_allowed_servers()
    {
        var provider = Provider(Developer, allowed: ["fs_read"]);
        Assert.DoesNotContain("yolo", provider.BuildLaunchCommand(), StringComparison.Ordinal);
        Assert.False(provider.CaoSettings()["mcpServers"]![McpServers.CaoServerName]!["trust"]!.GetValue<bool>());
        Assert.True(Provider(Developer, allowed: ["@cao-mcp-server"]).CaoSettings()["mcpServers"]![McpServers.CaoServerName]!["trust"]!.GetValue<bool>());
    }

    [Fact]
    public void Given_the_servers_endpoint_caos_entry_is_a_trusted_http_server()
    {
        var provider = new GeminiCliProvider(new ProviderContext("a1b2c3d4", "cao-s", "developer-0001", Developer, null, CaoHome)
        {
            CaoMcpUrl = "http://127.0.0.1:9555/terminals/a1b2c3d4/mcp",
        }) { UserGeminiFolder = UserGemini };

        var entry = provider.CaoSettings()["mcpServers"]![McpServers.CaoServerName]!.AsObject();

        Assert.Equal("""{"httpUrl":"http://127.0.0.1:9555/terminals/a1b2c3d4/mcp","trust":true}""", entry.ToJsonString());
    }

    [Fact]
    public void A_second_enter_backs_up_the_first_only_where_no_confirmation_can_take_it()
    {
        Assert.Equal(2, Provider(Developer).PasteEnterCount);
        Assert.Equal(1, Provider(Developer, allowed: ["fs_read"]).PasteEnterCount);
    }

    [Fact]
    public void The_settings_merge_cao_over_the_users_and_the_cao_server_learns_its_terminal()
    {
        Directory.CreateDirectory(UserGemini);
        File.WriteAllText(Path.Combine(UserGemini, "settings.json"), """
            // comments are allowed in Gemini CLI's settings
            { "security": { "auth": { "selectedType": "gemini-api-key" } }, "general": { "vimMode": true, "enableAutoUpdate": true }, }
            """);
        var folder = Provider(Developer).WriteGeminiHome();

        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "settings.json")))!;
        Assert.Equal("gemini-api-key", settings["security"]!["auth"]!["selectedType"]!.GetValue<string>());
        Assert.True(settings["general"]!["vimMode"]!.GetValue<bool>());
        Assert.False(settings["general"]!["enableAutoUpdate"]!.GetValue<bool>());
        Assert.False(settings["privacy"]!["usageStatisticsEnabled"]!.GetValue<bool>());
        Assert.False(settings["telemetry"]!["enabled"]!.GetValue<bool>());
        var cao = settings["mcpServers"]![McpServers.CaoServerName]!;
        Assert.Equal("/opt/cao/bin/cao", cao["command"]!.GetValue<string>());
        Assert.Equal("a1b2c3d4", cao["env"]![McpServers.TerminalIdVariable]!.GetValue<string>());
        Assert.True(cao["trust"]!.GetValue<bool>());
    }

    [Fact]
    public void The_prompt_follows_the_users_own_memory_and_the_other_entries_link_to_the_users_folder()
    {
        Directory.CreateDirectory(Path.Combine(UserGemini, "history"));
        File.WriteAllText(Path.Combine(UserGemini, "GEMINI.md"), "Always answer in English.");
        File.WriteAllText(Path.Combine(UserGemini, "oauth_creds.json"), "{}");
        var folder = Provider(Developer).WriteGeminiHome();

        Assert.Equal("Always answer in English.\n\nYou are the developer.", File.ReadAllText(Path.Combine(folder, "GEMINI.md")));
        Assert.Equal(Path.Combine(UserGemini, "oauth_creds.json"), new FileInfo(Path.Combine(folder, "oauth_creds.json")).LinkTarget);
        Assert.Equal(Path.Combine(UserGemini, "history"), new DirectoryInfo(Path.Combine(folder, "history")).LinkTarget);
    }

    [Fact]
    public void Cleanup_removes_the_gemini_home_but_not_what_its_links_point_at()
    {
        Directory.CreateDirectory(Path.Combine(UserGemini, "history"));
        File.WriteAllText(Path.Combine(UserGemini, "history", "kept.txt"), "x");
        var provider = Provider(Developer);
        var folder = provider.WriteGeminiHome();
        File.WriteAllText(Path.Combine(folder, "written-by-the-cli.json"), "{}");

        provider.Cleanup();

        Assert.False(Directory.Exists(provider.GeminiHome));
        Assert.True(File.Exists(Path.Combine(UserGemini, "history", "kept.txt")));
    }

    [Fact]
    public void A_broken_user_settings_file_is_named_in_one_line()
    {
        Directory.CreateDirectory(UserGemini);
        File.WriteAllText(Path.Combine(UserGemini, "settings.json"), "{ not json");
        var error = Assert.Throws<InvalidOperationException>(() => Provider(Developer).BuildLaunchCommand());
        Assert.Contains("settings.json", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
