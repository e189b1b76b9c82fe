using CliAgentOrchestrator.Core.Tmux;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CliAgentOrchestrator.Core.Providers;

/// <summary>
/// <c>claude_code</c>: Anthropic's Claude Code TUI (reference §8.5). The profile is decomposed into
/// flags: the body goes to <c>--append-system-prompt-file</c>, the MCP servers to a strict
/// <c>--mcp-config</c> file, blocked tools to <c>--disallowedTools</c>.
/// Screen rules live in <c>ClaudeCodeProvider.Screen.cs</c>.
/// </summary>
public sealed partial class ClaudeCodeProvider(ProviderContext context) : ProviderBase(context)
{
    /// <summary>The provider key.</summary>
    public const string ProviderKey = "claude_code";

    /// <summary>The CLI binary.</summary>
    public const string Binary = "claude";

    // Claude Code tools per CAO tool name; anything not allowed is passed to --disallowedTools.
    private static readonly (string CaoTool, string[] ClaudeTools)[] ToolMap =
    [
        ("fs_read", ["Read", "Grep"]),
        ("fs_list", ["Glob", "LS"]),
        ("fs_write", ["Write", "Edit", "MultiEdit", "NotebookEdit"]),
        ("execute_bash", ["Bash"]),
        ("web_fetch", ["WebFetch", "WebSearch"]),
    ];

    // Variables that survive the `unset`: they select how Claude Code authenticates or thinks.
    private static readonly HashSet<string> KeptClaudeVariables =
    [
        "CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_VERTEX", "CLAUDE_CODE_SKIP_BEDROCK_AUTH",
        "CLAUDE_CODE_SKIP_VERTEX_AUTH", "CLAUDE_CODE_USE_FOUNDRY", "CLAUDE_CODE_SKIP_FOUNDRY_AUTH",
        "CLAUDE_CODE_EFFORT_LEVEL", "CLAUDE_CODE_MAX_OUTPUT_TOKENS",
    ];

    // What a Claude Code session sets for the processes it starts; never an operator's setting.
    private static readonly string[] SessionMarkers = ["CLAUDECODE", "CLAUDE_CODE_ENTRYPOINT"];

    private const string SandboxVariable = "IS_SANDBOX";

    /// <inheritdoc />
    public override string Key => ProviderKey;

    /// <inheritdoc />
    public override string ExitCommand => "/exit";

    /// <inheritdoc />
    public override TimeSpan? CaoMcpServerWait => WaitWhenProfileListsCaoMcpServer;

    /// <summary>Claude Code needs time to take a large paste into its input box before Enter submits it.</summary>
    public override TimeSpan PasteSubmitDelay => TimeSpan.FromSeconds(2);

    /// <summary>Claude's permission menu takes digits and Enter: pasted text would pick an option.</summary>
    public override bool BlocksOrchestratedInputWhileWaiting => true;

    /// <inheritdoc />
    protected override string LaunchBinaryHint => Binary;

    /// <summary>Whether the server runs as root, where Claude Code refuses <c>--dangerously-skip-permissions</c>.</summary>
    public bool RunningAsRoot { get; init; } = Environment.UserName == "root";

    /// <summary>The path of the system-prompt file, <c>&lt;home&gt;/tmp/&lt;id&gt;.prompt</c>.</summary>
    public string PromptFilePath => TempFilePath(".prompt");

    /// <summary>The path of the MCP config file, <c>&lt;home&gt;/tmp/&lt;id&gt;.mcp.json</c>.</summary>
    public string McpConfigPath => TempFilePath(".mcp.json");

    /// <summary>
    /// Whether the operator declared the machine a sandbox with <c>IS_SANDBOX=1</c> (in the agent's
    /// <c>env_vars</c> or the server's environment): Claude Code then accepts bypass mode as root.
    /// </summary>
    public bool SandboxDeclared =>
        (Context.OperatorVariables?.TryGetValue(SandboxVariable, out var value) == true ? value : Environment.GetEnvironmentVariable(SandboxVariable)) == "1";

    /// <inheritdoc />
    public override string BuildLaunchCommand()
    {
        var profile = Context.Profile;
        var args = new List<string> { Binary };
        args.AddRange(PermissionArguments(profile));

        var model = Context.Model ?? profile?.Model;
        if (!string.IsNullOrWhiteSpace(model)) args.AddRange(["--model", model]);

        if (profile is null)
        {
            // No CAO profile: the name may still be one of Claude Code's own agents.
            args.AddRange(["--agent", Context.AgentName]);
        }
        else if (!string.IsNullOrWhiteSpace(profile.NativeAgent))
        {
            // A thin wrapper around a native agent: Claude Code brings its own prompt and tools.
            args.AddRange(["--agent", profile.NativeAgent]);
        }
        else
        {
            if (ConfigValue("effort") is { } effort) args.AddRange(["--effort", effort]);
            if (ConfigValue("fallbackModel") is { } fallback) args.AddRange(["--fallback-model", fallback]);
            if (profile.EffectiveSystemPrompt.Trim().Length > 0)
                args.AddRange(["--append-system-prompt-file", WriteTempFile(".prompt", profile.EffectiveSystemPrompt)]);
            if (profile.McpServers.Count > 0)
                args.AddRange(["--mcp-config", WriteTempFile(".mcp.json", BuildMcpConfigJson()), "--strict-mcp-config"]);
            // Allow rules work in every permission mode and for root; under bypass they are what is left
            // when an administrator's policy disables bypass mode.
            if (AllowRules(Context.AllowedTools, profile) is { Count: > 0 } allowed)
                args.AddRange(["--allowedTools", string.Join(',', allowed)]);
            foreach (var tool in BlockedTools(Context.AllowedTools)) args.AddRange(["--disallowedTools", tool]);
        }

        return UnsetInheritedVariables() + LaunchVariables() + ShellQuote.Join(args);
    }

    // How Claude Code may use tools without asking. A profile's permissionMode wins. Otherwise bypass mode
    // (as the Python original), except as root, where Claude Code refuses it (and exits) unless the machine
    // is declared a sandbox (IS_SANDBOX=1, which Claude Code documents for root in containers). CAO does not
    // declare that on the operator's behalf: as root it starts in acceptEdits mode, where file edits in the
    // working folder and the allow rules (CAO's own MCP tools, the profile's tools) run without a prompt
    // and anything else asks. Claude's own default, auto mode, is avoided: its safety check runs on
    // Anthropic's servers, and through any other endpoint (a gateway, a proxy) it turns into prompts.
    private IEnumerable<string> PermissionArguments(AgentProfile? profile)
    {
        if (!string.IsNullOrWhiteSpace(profile?.PermissionMode)) return ["--permission-mode", profile.PermissionMode];
        if (!RunningAsRoot || SandboxDeclared) return ["--dangerously-skip-permissions"];
        return ["--permission-mode", "acceptEdits"];
    }

    // Variables set for the claude process only. CLAUDE_CODE_NO_FLICKER=0 keeps the classic renderer on
    // the main screen: the fullscreen renderer (the default of new installs) draws on the alternate screen
    // with its own virtual scrollback, so tmux would hold only the visible rows of a long answer.
    // CLAUDE_CODE_MCP_AUTO_BACKGROUND_MS=0 keeps a long MCP call in the foreground: after 2 minutes Claude
    // Code would move it to the background and end the turn, and a supervisor waiting on a handoff would
    // read as completed (and take inbox messages) while its worker still works.
    // IS_SANDBOX is repeated when it comes from the server's environment, which the agent window does not inherit.
    private string LaunchVariables()
    {
        var variables = new List<string> { "CLAUDE_CODE_NO_FLICKER=0", "CLAUDE_CODE_MCP_AUTO_BACKGROUND_MS=0" };
        if (RunningAsRoot && SandboxDeclared && Context.OperatorVariables?.ContainsKey(SandboxVariable) != true)
            variables.Add(SandboxVariable + "=1");
        return string.Join(' ', variables) + " ";
    }

    /// <summary>
    /// The <c>--mcp-config</c> document: <c>{"mcpServers": {name: {type?, command, args, env}}}</c>, CAO's own
    /// entry as <c>{"type": "http", "url": …}</c> when the server offers its endpoint.
    /// </summary>
    public string BuildMcpConfigJson()
    {
        var servers = new JsonObject();
        foreach (var (name, server) in McpServers.ForTerminal(Context, cliSpeaksHttp: true))
        {
            var entry = new JsonObject();
            if (server.Type is not null) entry["type"] = server.Type;
            if (server.Url is { } url)
            {
                entry["url"] = url;
                // Without a timeout of its own, Claude Code gives up on an HTTP tool call whose answer has
                // not started within 60 s: every handoff longer than that. The profile's value (ms) wins.
                entry["timeout"] = server.Timeout ?? CaoToolCall.LongestWait.TotalMilliseconds;
                servers[name] = entry;
                continue;
            }
            entry["command"] = server.Command;
            entry["args"] = new JsonArray(server.Args.Select(a => (JsonNode?)a).ToArray());
            var env = new JsonObject();
            foreach (var (key, value) in server.Env) env[key] = value;
            entry["env"] = env;
            servers[name] = entry;
        }
        return new JsonObject { ["mcpServers"] = servers }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>
    /// Claude Code allow rules for a CAO allow-list: the built-in tools it allows, <c>mcp__&lt;server&gt;</c>
    /// for each <c>@server</c> (<c>mcp__&lt;server&gt;__&lt;tool&gt;</c> for <c>@server/tool</c>), every tool
    /// and every profile server when unrestricted, and always CAO's own server when the profile lists it:
    /// an orchestrating agent that waits for a human on each handoff cannot orchestrate.
    /// </summary>
    public static IReadOnlyList<string> AllowRules(IReadOnlyList<string>? allowedTools, AgentProfile? profile)
    {
        var rules = new List<string>();
        var servers = profile?.McpServers.Keys ?? [];
        var listed = allowedTools is null || allowedTools.Contains("*") ? null : allowedTools;
        foreach (var (caoTool, claudeTools) in ToolMap)
            if (listed is null || listed.Contains("@builtin") || Allows(listed, caoTool)) rules.AddRange(claudeTools);
        foreach (var entry in listed is null ? servers.Select(s => "@" + s) : listed.Where(t => t.StartsWith('@') && t != "@builtin"))
        {
            var slash = entry.IndexOf('/', StringComparison.Ordinal);
            rules.Add(slash < 0 ? "mcp__" + entry[1..] : $"mcp__{entry[1..slash]}__{entry[(slash + 1)..]}");
        }
        if (servers.Contains(McpServers.CaoServerName)) rules.Add("mcp__" + McpServers.CaoServerName);
        return [.. rules.Distinct(StringComparer.Ordinal)];
    }

    private static bool Allows(IReadOnlyList<string> allowedTools, string caoTool) =>
        allowedTools.Contains(caoTool) || (caoTool.StartsWith("fs_", StringComparison.Ordinal) && allowedTools.Contains("fs_*"));

    /// <summary>Claude Code tools to block for a CAO allow-list; none when unrestricted (null or <c>*</c>).</summary>
    public static IReadOnlyList<string> BlockedTools(IReadOnlyList<string>? allowedTools)
    {
        if (allowedTools is null || allowedTools.Contains("*") || allowedTools.Contains("@builtin")) return [];
        return ToolMap.Where(m => !Allows(allowedTools, m.CaoTool)).SelectMany(m => m.ClaudeTools).ToList();
    }

    /// <inheritdoc />
    /// <remarks>
    /// Each is answered by choosing its option by name: Claude Code 2.1 preselects "No, exit" in the trust
    /// and bypass dialogs and "No (recommended)" for the API key, so a bare Enter would end the session.
    /// The API key is accepted because the operator put it in the agent's environment for this purpose
    /// (Claude Code remembers the answer per key in ~/.claude.json, as when a person says yes).
    /// </remarks>
    protected override IReadOnlyList<StartupDialog> StartupDialogs { get; } =
    [
        StartupDialog.Choose("claude trust folder", s => ScreenLines.ShowsUnanswered(s, "Yes, I trust this folder", EmptyInputLine()), "Yes, I trust this folder"),
        StartupDialog.Choose("claude custom API key", s => ScreenLines.ShowsUnanswered(s, "Do you want to use this API key?", EmptyInputLine()), "Yes"),
        StartupDialog.Choose("claude bypass permissions", s => ScreenLines.ShowsUnanswered(s, "Yes, I accept", EmptyInputLine()), "Yes, I accept"),
    ];

    /// <inheritdoc />
    protected override bool ReportsExitDuringInit => true;

    // First-run setup screens (fresh HOME): a theme, a sign-in method, notes to acknowledge. They are the
    // operator's choices, made once per user; CAO reports them instead of picking for the operator.
    private static readonly string[] FirstRunScreens =
    [
        "Choose the text style that looks best with your terminal", "Select login method:", "Security notes:",
        "Use Claude Code's terminal setup?", "Unable to connect to Anthropic services",
    ];

    /// <inheritdoc />
    protected override string? BlockingStartupScreen(string plainScreen)
    {
        var shown = FirstRunScreens.FirstOrDefault(text => ScreenLines.ShowsUnanswered(plainScreen, text, EmptyInputLine(), window: 40));
        return shown is null ? null : FirstRunAdvice(shown);
    }

    /// <inheritdoc />
    protected override string ExitSummary(string plainScreen)
    {
        var summary = base.ExitSummary(plainScreen);
        return plainScreen.Contains("Unable to connect to Anthropic services", StringComparison.Ordinal)
            ? summary + " — " + FirstRunAdvice("Unable to connect to Anthropic services")
            : summary;
    }

    private static string FirstRunAdvice(string shown) =>
        $"Claude Code shows its first-run setup (\"{shown}\"), which CAO does not answer for the operator; " +
        "run `claude` once by hand as this user (same HOME) to finish it, then start the agent again.";

    private string? ConfigValue(string key) =>
        Context.Profile?.ClaudeConfig.TryGetValue(key, out var value) == true && value is not null
            ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    // A CAO server started from inside Claude Code inherits CLAUDECODE and friends, and so may a tmux
    // server that new windows take their environment from; a nested claude would then think it is a
    // sub-process of another session. Unset them, keeping the operator's settings: the variables CAO's
    // allow-list passes on purpose (Bedrock/Vertex/Foundry selectors, CLAUDE_CONFIG_DIR, …), a few more
    // that only tune the model, and any the operator set for this agent (env_vars).
    private string UnsetInheritedVariables()
    {
        var names = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(n => n.StartsWith("CLAUDE", StringComparison.Ordinal))
            .Concat(SessionMarkers)
            .Where(n => EnvironmentFilter.IsBlocked(n) && !KeptClaudeVariables.Contains(n) && Context.OperatorVariables?.ContainsKey(n) != true)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        return names.Count == 0 ? "" : "unset " + string.Join(' ', names) + "; ";
    }
}
