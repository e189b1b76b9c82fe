using CliAgentOrchestrator.Core.Tmux;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CliAgentOrchestrator.Core.Providers;

/// <summary>
/// <c>copilot_cli</c>: GitHub Copilot CLI (<c>@github/copilot</c>). The profile becomes a custom agent
/// file in a per-terminal folder handed over with <c>--add-dir</c> and picked with <c>--agent</c>; the
/// MCP servers go to an <c>--additional-mcp-config @file</c>; tools run without asking
/// (<c>--allow-all</c>) except those the allow-list withholds. Screen rules live in
/// <c>CopilotCliProvider.Screen.cs</c>.
/// </summary>
public sealed partial class CopilotCliProvider(ProviderContext context) : ProviderBase(context)
{
    /// <summary>The provider key.</summary>
    public const string ProviderKey = "copilot_cli";

    /// <summary>The CLI binary.</summary>
    public const string Binary = "copilot";

    // Copilot asks before these permission kinds; a CAO tool the allow-list leaves out is denied.
    private static readonly (string CaoTool, string CopilotKind)[] PermissionMap =
    [
        ("execute_bash", "shell"),
        ("fs_write", "write"),
        ("web_fetch", "url"),
    ];

    // Reading needs no permission in Copilot, so withheld read tools are taken away from the model instead.
    private static readonly (string CaoTool, string[] CopilotTools)[] ReadToolMap =
    [
        ("fs_read", ["view"]),
        ("fs_list", ["glob", "grep"]),
    ];

    /// <inheritdoc />
    public override string Key => ProviderKey;

    /// <inheritdoc />
    public override string ExitCommand => "/exit";

    /// <inheritdoc />
    public override TimeSpan? CaoMcpServerWait => WaitWhenProfileListsCaoMcpServer;

    /// <summary>Copilot submits a paste with one Enter; a second would send an empty turn or answer a dialog.</summary>
    public override int PasteEnterCount => 1;

    /// <summary>Copilot's dialogs are menus driven by arrows and Enter: pasted text would pick an option.</summary>
    public override bool BlocksOrchestratedInputWhileWaiting => true;

    /// <inheritdoc />
    protected override string LaunchBinaryHint => Binary;

    /// <summary>The folder given to <c>--add-dir</c>; Copilot loads custom agents from its <c>.github/agents</c>.</summary>
    public string AgentFolder => TempFilePath(".copilot");

    /// <summary>The custom agent file written for the profile.</summary>
    public string AgentFilePath => Path.Combine(AgentFolder, ".github", "agents", AgentFileName);

    /// <summary>The MCP config file, <c>&lt;home&gt;/tmp/&lt;id&gt;.mcp.json</c>.</summary>
    public string McpConfigPath => TempFilePath(".mcp.json");

    /// <summary>The custom agent's name: the profile's, reduced to the characters a file name and a flag value keep as they are.</summary>
    public string AgentName => new(Context.AgentName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());

    private string AgentFileName => AgentName + ".agent.md";

    /// <inheritdoc />
    public override string BuildLaunchCommand()
    {
        var profile = Context.Profile;
        // The CLI CAO was tested with stays the one that runs: npm installs never update in place,
        // standalone installs would otherwise switch to a downloaded release at the next launch.
        var args = new List<string> { Binary, "--no-auto-update", "--allow-all" };
        args.AddRange(PermissionArguments(Context.AllowedTools, profile?.McpServers.Keys ?? []));

        var model = Context.Model ?? profile?.Model;
        if (!string.IsNullOrWhiteSpace(model)) args.AddRange(["--model", model]);

        if (profile is null) args.AddRange(["--agent", AgentName]); // maybe one of the user's own Copilot agents
        else if (!string.IsNullOrWhiteSpace(profile.NativeAgent)) args.AddRange(["--agent", profile.NativeAgent]);
        else if (profile.EffectiveSystemPrompt.Trim().Length > 0)
        {
            WriteTempFile(".copilot/.github/agents/" + AgentFileName, BuildAgentFile());
            args.AddRange(["--add-dir", AgentFolder, "--agent", AgentName]);
        }

        if (McpServers.ForTerminal(Context).Count > 0)
            args.AddRange(["--additional-mcp-config", "@" + WriteTempFile(".mcp.json", BuildMcpConfigJson())]);
        return ShellQuote.Join(args);
    }

    /// <summary>The custom agent: a name and description in YAML front matter, the profile's prompt as the body.</summary>
    public string BuildAgentFile()
    {
        var profile = Context.Profile;
        var description = string.IsNullOrWhiteSpace(profile?.Description) ? $"CAO agent profile {Context.AgentName}" : profile.Description;
        // JSON strings are valid YAML double-quoted scalars, so any description stays one value.
        return $"---\nname: {JsonSerializer.Serialize(AgentName)}\ndescription: {JsonSerializer.Serialize(description)}\n---\n\n"
            + (profile?.EffectiveSystemPrompt ?? "").TrimEnd() + "\n";
    }

    /// <summary>
    /// The <c>--additional-mcp-config</c> document: <c>{"mcpServers": {name: {type, command, args, env, tools}}}</c>,
    /// CAO's own entry as <c>{"type": "http", "url", "tools"}</c> when the server offers its endpoint.
    /// </summary>
    public string BuildMcpConfigJson()
    {
        var servers = new JsonObject();
        foreach (var (name, server) in McpServers.ForTerminal(Context, cliSpeaksHttp: true))
        {
            if (server.Url is { } url)
            {
                servers[name] = new JsonObject { ["type"] = "http", ["url"] = url, ["tools"] = new JsonArray("*") };
                continue;
            }
            var env = new JsonObject();
            foreach (var (key, value) in server.Env) env[key] = value;
            servers[name] = new JsonObject
            {
                // Copilot calls a stdio server "local"; "*" offers every tool the server lists.
                ["type"] = server.Type is null or "stdio" ? "local" : server.Type,
                ["command"] = server.Command,
                ["args"] = new JsonArray(server.Args.Select(a => (JsonNode?)a).ToArray()),
                ["env"] = env,
                ["tools"] = new JsonArray("*"),
            };
        }
        return new JsonObject { ["mcpServers"] = servers }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>
    /// <c>--deny-tool</c> and <c>--excluded-tools</c> (in <c>=</c> form: both take a list and would swallow
    /// the next word) for a CAO allow-list (denials win over <c>--allow-all</c>);
    /// nothing when unrestricted (null or <c>*</c>). <c>@builtin</c> keeps every built-in tool, <c>@server</c> an MCP server.
    /// </summary>
    public static IReadOnlyList<string> PermissionArguments(IReadOnlyList<string>? allowedTools, IEnumerable<string> mcpServerNames)
    {
        if (allowedTools is null || allowedTools.Contains("*")) return [];
        var builtin = allowedTools.Contains("@builtin");
        bool Allowed(string caoTool) =>
            builtin || allowedTools.Contains(caoTool) || (caoTool.StartsWith("fs_", StringComparison.Ordinal) && allowedTools.Contains("fs_*"));

        var args = new List<string>();
        foreach (var (caoTool, kind) in PermissionMap)
            if (!Allowed(caoTool)) args.Add("--deny-tool=" + kind);
        foreach (var server in mcpServerNames)
            if (!allowedTools.Contains("@" + server)) args.Add("--deny-tool=" + server);
        var hidden = ReadToolMap.Where(m => !Allowed(m.CaoTool)).SelectMany(m => m.CopilotTools).ToList();
        if (hidden.Count > 0) args.Add("--excluded-tools=" + string.Join(',', hidden));
        return args;
    }
}
