using CliAgentOrchestrator.Core.Tmux;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CliAgentOrchestrator.Core.Providers;

/// <summary>
/// <c>opencode_cli</c>: OpenCode (<c>opencode-ai</c>). CAO writes a per-terminal config file and points
/// <c>OPENCODE_CONFIG</c> at it; OpenCode merges it over the user's own config (providers, keys), so it
/// only adds: the profile as a primary agent (prompt, permissions), its MCP servers, no auto-update and
/// no sharing. <c>--auto</c> approves whatever the agent's permissions do not deny. Screen rules live in
/// <c>OpenCodeCliProvider.Screen.cs</c>.
/// </summary>
public sealed partial class OpenCodeCliProvider(ProviderContext context) : ProviderBase(context)
{
    /// <summary>The provider key.</summary>
    public const string ProviderKey = "opencode_cli";

    /// <summary>The CLI binary.</summary>
    public const string Binary = "opencode";

    // OpenCode permission keys per CAO tool; a tool the allow-list leaves out is denied.
    private static readonly (string CaoTool, string[] OpenCodePermissions)[] PermissionMap =
    [
        ("fs_read", ["read"]),
        ("fs_list", ["list", "glob", "grep"]),
        ("fs_write", ["edit"]),
        ("execute_bash", ["bash"]),
        ("web_fetch", ["webfetch", "websearch"]),
    ];

    /// <inheritdoc />
    public override string Key => ProviderKey;

    /// <inheritdoc />
    public override string ExitCommand => "/exit";

    /// <inheritdoc />
    public override TimeSpan? CaoMcpServerWait => WaitWhenProfileListsCaoMcpServer;

    /// <summary>OpenCode submits a paste with one Enter.</summary>
    public override int PasteEnterCount => 1;

    /// <summary>OpenCode can drop an Enter that follows the end of a bracketed paste too closely.</summary>
    public override TimeSpan PasteSubmitDelay => TimeSpan.FromSeconds(1);

    /// <summary>The permission dialog takes arrows and Enter: pasted text would land in it.</summary>
    public override bool BlocksOrchestratedInputWhileWaiting => true;

    /// <inheritdoc />
    protected override string LaunchBinaryHint => Binary;

    /// <summary>The per-terminal config file, <c>&lt;home&gt;/tmp/&lt;id&gt;.opencode.json</c>.</summary>
    public string ConfigPath => TempFilePath(".opencode.json");

    /// <summary>The agent's name in OpenCode: the profile's, reduced to characters a config key and flag keep as they are.</summary>
    public string AgentName => new(Context.AgentName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());

    /// <inheritdoc />
    public override string BuildLaunchCommand()
    {
        var profile = Context.Profile;
        var args = new List<string> { Binary, "--auto" };
        var model = Context.Model ?? profile?.Model;
        if (!string.IsNullOrWhiteSpace(model)) args.AddRange(["--model", model]);
        if (profile is null) args.AddRange(["--agent", AgentName]); // maybe one of the user's own OpenCode agents
        else if (!string.IsNullOrWhiteSpace(profile.NativeAgent)) args.AddRange(["--agent", profile.NativeAgent]);
        else args.AddRange(["--agent", AgentName]);

        // Variables in front of the command reach OpenCode only; the pane's shell keeps its own.
        var variables = new List<string>
        {
            "OPENCODE_CONFIG=" + ShellQuote.Quote(WriteTempFile(".opencode.json", BuildConfigJson())),
            // Belt and braces with "autoupdate": false: the CLI CAO was tested with is the one that runs.
            "OPENCODE_DISABLE_AUTOUPDATE=1",
        };
        return string.Join(' ', variables) + " " + ShellQuote.Join(args);
    }

    /// <summary>The config OpenCode merges over the user's: agent, MCP servers, no updates, no sharing.</summary>
    public string BuildConfigJson()
    {
        var profile = Context.Profile;
        var config = new JsonObject
        {
            ["$schema"] = "https://opencode.ai/config.json",
            ["autoupdate"] = false,
            ["share"] = "disabled",
        };
        if (profile is not null && string.IsNullOrWhiteSpace(profile.NativeAgent))
        {
            var agent = new JsonObject
            {
                ["description"] = string.IsNullOrWhiteSpace(profile.Description) ? $"CAO agent profile {profile.Name}" : profile.Description,
                ["mode"] = "primary",
            };
            if (profile.EffectiveSystemPrompt.Trim().Length > 0) agent["prompt"] = profile.EffectiveSystemPrompt;
            var permission = Permissions(Context.AllowedTools, profile.McpServers.Keys);
            if (permission.Count > 0) agent["permission"] = permission;
            config["agent"] = new JsonObject { [AgentName] = agent };
        }

        var mcp = new JsonObject();
        // CAO's own server stays a process here: OpenCode 1.18 listed the tools of CAO's HTTP endpoint
        // 2 to 30 s after its prompt (a cold `cao mcp-server` is listed before it), see providers.md.
        foreach (var (name, server) in McpServers.ForTerminal(Context))
        {
            var environment = new JsonObject();
            foreach (var (key, value) in server.Env) environment[key] = value;
            mcp[name] = new JsonObject
            {
                ["type"] = "local",
                ["command"] = new JsonArray([server.Command, .. server.Args.Select(a => (JsonNode?)a)]),
                ["environment"] = environment,
                ["enabled"] = true,
            };
        }
        if (mcp.Count > 0) config["mcp"] = mcp;
        return config.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>
    /// The agent's <c>permission</c> block for a CAO allow-list: <c>deny</c> for every OpenCode tool it leaves
    /// out (and <c>&lt;server&gt;_*</c> for an MCP server without its <c>@server</c> entry); empty when unrestricted.
    /// </summary>
    public static JsonObject Permissions(IReadOnlyList<string>? allowedTools, IEnumerable<string> mcpServerNames)
    {
        var permission = new JsonObject();
        if (allowedTools is null || allowedTools.Contains("*")) return permission;
        var builtin = allowedTools.Contains("@builtin");
        bool Allowed(string caoTool) =>
            builtin || allowedTools.Contains(caoTool) || (caoTool.StartsWith("fs_", StringComparison.Ordinal) && allowedTools.Contains("fs_*"));
        foreach (var (caoTool, keys) in PermissionMap)
            if (!Allowed(caoTool))
                foreach (var key in keys) permission[key] = "deny";
        foreach (var server in mcpServerNames)
            if (!allowedTools.Contains("@" + server)) permission[server + "_*"] = "deny";
        return permission;
    }
}
