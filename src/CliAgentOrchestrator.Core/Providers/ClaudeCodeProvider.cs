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

    /// <inheritdoc />
    public override string Key => ProviderKey;

    /// <inheritdoc />
    public override string ExitCommand => "/exit";

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

    /// <inheritdoc />
    public override string BuildLaunchCommand()
    {
        var profile = Context.Profile;
        var args = new List<string> { Binary };

        if (!string.IsNullOrWhiteSpace(profile?.PermissionMode)) args.AddRange(["--permission-mode", profile.PermissionMode]);
        else if (!RunningAsRoot) args.Add("--dangerously-skip-permissions");

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
            foreach (var tool in BlockedTools(Context.AllowedTools)) args.AddRange(["--disallowedTools", tool]);
        }

        return UnsetInheritedVariables() + ShellQuote.Join(args);
    }

    /// <summary>The <c>--mcp-config</c> document: <c>{"mcpServers": {name: {type?, command, args, env}}}</c>.</summary>
    public string BuildMcpConfigJson()
    {
        var servers = new JsonObject();
        foreach (var (name, server) in McpServers.ForTerminal(Context))
        {
            var entry = new JsonObject();
            if (server.Type is not null) entry["type"] = server.Type;
            entry["command"] = server.Command;
            entry["args"] = new JsonArray(server.Args.Select(a => (JsonNode?)a).ToArray());
            var env = new JsonObject();
            foreach (var (key, value) in server.Env) env[key] = value;
            entry["env"] = env;
            servers[name] = entry;
        }
        return new JsonObject { ["mcpServers"] = servers }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Claude Code tools to block for a CAO allow-list; none when unrestricted (null or <c>*</c>).</summary>
    public static IReadOnlyList<string> BlockedTools(IReadOnlyList<string>? allowedTools)
    {
        if (allowedTools is null || allowedTools.Contains("*") || allowedTools.Contains("@builtin")) return [];
        bool Allowed(string caoTool) =>
            allowedTools.Contains(caoTool) || (caoTool.StartsWith("fs_", StringComparison.Ordinal) && allowedTools.Contains("fs_*"));
        return ToolMap.Where(m => !Allowed(m.CaoTool)).SelectMany(m => m.ClaudeTools).ToList();
    }

    /// <inheritdoc />
    protected override IReadOnlyList<StartupDialog> StartupDialogs { get; } =
    [
        // "Do you trust the files in this folder?" — option 1, already selected, is "Yes, I trust this folder".
        new("claude trust folder", s => ScreenLines.ShowsUnanswered(s, "trust this folder", EmptyInputLine())
            || ScreenLines.ShowsUnanswered(s, "trust the files in this folder", EmptyInputLine()), ["Enter"]),
        // Bypass-permissions warning: "1. No, exit" is selected; move to "2. Yes, I accept".
        new("claude bypass permissions", s => ScreenLines.ShowsUnanswered(s, "Yes, I accept", EmptyInputLine()), ["Down", "Enter"]),
    ];

    private string? ConfigValue(string key) =>
        Context.Profile?.ClaudeConfig.TryGetValue(key, out var value) == true && value is not null
            ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    // A CAO server started from inside Claude Code inherits CLAUDECODE and friends; a nested claude
    // would then think it is a sub-process of another session. Unset them, keeping auth selectors.
    private static string UnsetInheritedVariables()
    {
        var names = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(n => n.StartsWith("CLAUDE", StringComparison.Ordinal) && !KeptClaudeVariables.Contains(n))
            .Append("CLAUDECODE")
            .Distinct()
            .Order(StringComparer.Ordinal);
        return "unset " + string.Join(' ', names) + "; ";
    }
}
