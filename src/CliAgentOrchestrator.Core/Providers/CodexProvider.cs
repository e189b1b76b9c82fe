using CliAgentOrchestrator.Core.Tmux;
using System.Globalization;
using System.Text;

namespace CliAgentOrchestrator.Core.Providers;

/// <summary>
/// <c>codex</c>: OpenAI's Codex CLI (reference §8.6). Everything is passed as <c>-c key=value</c>
/// overrides (TOML values) so no user config file is touched. Screen rules live in
/// <c>CodexProvider.Screen.cs</c>.
/// </summary>
public sealed partial class CodexProvider(ProviderContext context) : ProviderBase(context)
{
    /// <summary>The provider key.</summary>
    public const string ProviderKey = "codex";

    /// <summary>The CLI binary.</summary>
    public const string Binary = "codex";

    /// <inheritdoc />
    public override string Key => ProviderKey;

    /// <inheritdoc />
    public override string ExitCommand => "/quit";

    /// <inheritdoc />
    public override TimeSpan? CaoMcpServerWait => WaitWhenProfileListsCaoMcpServer;

    /// <inheritdoc />
    protected override string LaunchBinaryHint => Binary;

    /// <summary>A login menu at start-up is for the operator to answer; init ends there instead of timing out.</summary>
    protected override bool WaitingUserAnswerEndsInit => true;

    /// <summary>The path of the developer-instructions file, <c>&lt;home&gt;/tmp/&lt;id&gt;.prompt</c>.</summary>
    public string PromptFilePath => TempFilePath(".prompt");

    /// <inheritdoc />
    public override string BuildLaunchCommand()
    {
        var profile = Context.Profile;
        var args = new List<string> { Binary };
        var unrestricted = Context.AllowedTools is null || Context.AllowedTools.Contains("*");
        if (!unrestricted && !string.IsNullOrWhiteSpace(profile?.CodexProfile)) args.AddRange(["--profile", profile.CodexProfile]);
        // No approvals and no sandbox: an agent has no human at its pane, and CAO's own MCP tools
        // (handoff, assign, send_message) must run unasked, as root and as a normal user alike.
        else args.Add("--dangerously-bypass-approvals-and-sandbox");
        // Inline scrollback keeps earlier turns capturable by tmux; the shell snapshot feature
        // re-runs shell start-up files for every command, which is slow and noisy in CAO panes.
        // Without the shared background server each agent is its own process that ends with its
        // window (Codex would use embedded mode anyway, because of the -c overrides, and warn).
        args.AddRange(["--no-alt-screen", "--no-daemon", "--disable", "shell_snapshot"]);

        var model = Context.Model ?? profile?.Model;
        if (!string.IsNullOrWhiteSpace(model)) args.AddRange(["--model", model]);

        foreach (var (name, server) in McpServers.ForTerminal(Context, cliSpeaksHttp: true))
        {
            var key = "mcp_servers." + TomlKey(name);
            if (server.Url is { } url)
                args.AddRange(["-c", $"{key}.url={TomlString(url)}"]);
            else
                args.AddRange(StdioServerSettings(key, name, server));
            // Ten minutes for a profile's own servers; CAO's handoff blocks until its worker answers.
            var toolTimeout = name == McpServers.CaoServerName ? CaoToolCall.LongestWait : TimeSpan.FromMinutes(10);
            args.AddRange(["-c", $"{key}.tool_timeout_sec={(int)toolTimeout.TotalSeconds}"]);
            if (name == McpServers.CaoServerName)
            {
                // Codex draws its ready composer before its MCP servers have started and runs a
                // turn without the tools of a server still starting: a worker's first message
                // (sent right after start-up) would find no send_message. A required server holds
                // input back ("• Queued follow-up inputs") until it is up, and fails start-up if
                // it cannot start, which the operator should see. `cao mcp-server` is a .NET
                // program: on a busy machine it can need more than Codex's default 10 s.
                args.AddRange(["-c", $"{key}.required=true"]);
                args.AddRange(["-c", $"{key}.startup_timeout_sec=60"]);
            }
        }

        if (profile is not null)
            foreach (var (key, value) in profile.CodexConfig)
                args.AddRange(["-c", $"{key}={TomlValue(value)}"]);
        // Nothing an agent does may depend on OpenAI's servers other than the model endpoint: no
        // update check (it can also stop start-up with a menu), no usage analytics or feedback
        // uploads, no start-up tips (they advertise models and shift the screen).
        foreach (var setting in QuietSettings) args.AddRange(["-c", setting]);

        var command = ShellQuote.Join(args);
        var prompt = profile?.EffectiveSystemPrompt ?? "";
        if (prompt.Trim().Length > 0)
        {
            // The prompt can be long and hold any character; typing it into the pane is fragile, so it
            // is stored as a ready-made TOML string and read back by the shell at launch.
            var file = WriteTempFile(".prompt", TomlString(prompt));
            command += " -c developer_instructions=\"$(cat " + ShellQuote.Quote(file) + ")\"";
        }
        return command;
    }

    // A server Codex starts: its program, arguments and environment.
    private static IEnumerable<string> StdioServerSettings(string key, string name, McpServerConfig server)
    {
        var settings = new List<string>
        {
            "-c", $"{key}.command={TomlString(server.Command)}",
            "-c", $"{key}.args={TomlArray(server.Args)}",
        };
        foreach (var (envName, envValue) in server.Env)
            settings.AddRange(["-c", $"{key}.env.{TomlKey(envName)}={TomlString(envValue)}"]);
        // Codex starts MCP servers with a stripped environment (PATH, HOME and a few more) plus
        // the `env` table above. Also forward the pane's CAO_TERMINAL_ID by name, so a server
        // restarted by Codex keeps it, and to CAO's own server every documented CAO setting the
        // pane has (CAO_API_HOST/CAO_API_PORT, the MCP timeouts, …): without them it would call
        // the default port. The `env` table wins over a forwarded variable of the same name.
        var forwarded = name == McpServers.CaoServerName ? CaoMcpForwardedVariables : [McpServers.TerminalIdVariable];
        settings.AddRange(["-c", $"{key}.env_vars={TomlArray(forwarded)}"]);
        return settings;
    }

    private static readonly string[] CaoMcpForwardedVariables =
        [McpServers.TerminalIdVariable, .. Configuration.CaoSettings.All.Select(s => s.Variable)];

    /// <summary>The <c>-c</c> settings every agent gets: no update check, analytics, feedback or tips.</summary>
    public static IReadOnlyList<string> QuietSettings { get; } =
    [
        "check_for_update_on_startup=false",
        "analytics.enabled=false",
        "feedback.enabled=false",
        "tui.show_tooltips=false",
    ];

    /// <inheritdoc />
    protected override IReadOnlyList<StartupDialog> StartupDialogs =>
    [
        // The folder-trust question, asked for a folder inside a git repository not trusted yet
        // (0.169: "Trust this folder?" with "› 1. Trust and continue" preselected; older: "allow
        // Codex to work in this folder" / "Do you trust the contents of this directory", "Yes"
        // preselected). The operator chose the folder when creating the terminal and the agent
        // runs without approvals anyway, so CAO trusts it; Codex saves that in its config.toml.
        // A `-c projects."<dir>".trust_level` override does not stop the 0.169 dialog.
        // Codex throws away input that arrives while this screen opens and exits if that takes it over a
        // second ("timed out discarding buffered terminal input", seen on a loaded machine), so the Enter
        // waits until the dialog has stood still for longer than that.
        new("codex trust folder", s => IsWaitingOn(s, "Trust this folder?")
            || IsWaitingOn(s, "allow Codex to work in this folder")
            || IsWaitingOn(s, "Do you trust the contents of this directory"), ["Enter"]) { Settle = TrustDialogSettle },
        // "3. Skip until next version".
        new("codex update", s => IsWaitingOn(s, "Update available"), ["3", "Enter"]),
    ];

    /// <summary>How long the folder-trust dialog stands unchanged before CAO answers it (Codex's input discard gives up after 1 s).</summary>
    internal static TimeSpan TrustDialogSettle { get; } = TimeSpan.FromSeconds(1.5);

    // The dialog's text is near the bottom and the screen reads as a question still open.
    private bool IsWaitingOn(string plain, string text) =>
        ScreenLines.Tail(plain, 15).Contains(text, StringComparison.OrdinalIgnoreCase)
        && GetStatus(plain) == TerminalStatus.WaitingUserAnswer;

    internal static string TomlString(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }
        return builder.Append('"').ToString();
    }

    private static string TomlArray(IEnumerable<string> values) => "[" + string.Join(",", values.Select(TomlString)) + "]";

    private static string TomlKey(string key) =>
        key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? key : TomlString(key);

    private static string TomlValue(object? value) => value switch
    {
        null => "\"\"",
        bool b => b ? "true" : "false",
        long or int or double or float or decimal => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        IReadOnlyDictionary<string, object?> table =>
            "{" + string.Join(",", table.Select(kv => $"{TomlKey(kv.Key)}={TomlValue(kv.Value)}")) + "}",
        IEnumerable<object?> list when value is not string => "[" + string.Join(",", list.Select(TomlValue)) + "]",
        _ => TomlString(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };
}
