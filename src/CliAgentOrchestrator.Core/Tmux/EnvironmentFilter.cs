using System.Collections;
using System.Text;

namespace CliAgentOrchestrator.Core.Tmux;

/// <summary>
/// Chooses which of the server's environment variables a new agent window inherits
/// (reference §3.1 step 4). Agent CLIs refuse to start, or think they are nested, when they see
/// another CLI's variables (CAO itself often runs inside Claude Code or Codex), and tmux rejects
/// very long <c>-e</c> arguments, so the window gets a small, predictable environment.
/// </summary>
public static class EnvironmentFilter
{
    /// <summary>Values this long or longer (in UTF-8 bytes) are dropped.</summary>
    public const int MaxValueBytes = 2048;

    private static readonly HashSet<string> KeptNames = new(StringComparer.Ordinal)
    {
        "HOME", "PATH", "SHELL", "USER", "LANG", "TERM", "SSH_AUTH_SOCK", "DISPLAY",
        "XDG_RUNTIME_DIR", "DO_NOT_TRACK",
        // How agent CLIs reach their vendor: tokens, proxies and certificate stores of the operator.
        "GH_TOKEN", "GITHUB_TOKEN", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy",
        "NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE", "SSL_CERT_DIR", "DISABLE_AUTOUPDATER", "DISABLE_TELEMETRY",
    };

    // The CLIs' own sign-in, endpoint and model settings (ANTHROPIC_BASE_URL, OPENAI_API_KEY,
    // COPILOT_PROVIDER_BASE_URL, OPENCODE_CONFIG, …): the operator sets them for the agents.
    private static readonly string[] KeptPrefixes = ["LC_", "KIRO_", "MISE_", "AWS_", "ANTHROPIC_", "OPENAI_", "COPILOT_", "OPENCODE_"];

    // CAO's own variables are listed one by one instead of kept by prefix: CAO_PLUGIN_<NAME>_<KEY>
    // carries plugin secrets (tokens, webhook URLs) and plugins read other CAO_* names of their own
    // (CAO_DISCORD_WEBHOOK_URL); none of those may reach an agent. An agent needs to know its terminal
    // and how to reach the server; the documented settings are not secret and `cao` inside a pane reads them.
    private static readonly HashSet<string> KeptCaoNames = new(
        Configuration.CaoSettings.All.Select(s => s.Variable)
            .Concat(["CAO_TERMINAL_ID", "CAO_SESSION_NAME", "CAO_AGENTS_DIR"]),
        StringComparer.Ordinal);

    // Checked before the kept prefixes: "__MISE_" would otherwise never match anything, and the
    // CLAUDE/CODEX families carry session state of an enclosing agent CLI.
    private static readonly string[] BlockedPrefixes = ["CLAUDE", "CODEX_", "__MISE_"];

    // Operator settings inside the blocked families: Claude Code reads these to pick Bedrock/Vertex/
    // Foundry authentication (without them a worker launched from a Bedrock-configured server cannot
    // log in), to stay off the network except for the model, and where to keep its configuration.
    // None is set by an enclosing CLI session.
    private static readonly HashSet<string> ClaudeAuthFlags = new(StringComparer.Ordinal)
    {
        "CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_VERTEX", "CLAUDE_CODE_USE_FOUNDRY",
        "CLAUDE_CODE_SKIP_BEDROCK_AUTH", "CLAUDE_CODE_SKIP_VERTEX_AUTH", "CLAUDE_CODE_SKIP_FOUNDRY_AUTH",
        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "CLAUDE_CONFIG_DIR",
    };

    /// <summary>True when a variable named <paramref name="name"/> must never reach an agent window.</summary>
    public static bool IsBlocked(string name) =>
        !ClaudeAuthFlags.Contains(name) && BlockedPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));

    /// <summary>True when the variable belongs in an agent window's environment.</summary>
    public static bool IsKept(string name, string value)
    {
        if (Encoding.UTF8.GetByteCount(value) >= MaxValueBytes || IsBlocked(name))
            return false;
        return KeptNames.Contains(name)
            || KeptCaoNames.Contains(name)
            || ClaudeAuthFlags.Contains(name)
            || KeptPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
    }

    /// <summary>
    /// True when a tmux client process may see the variable: what agents may see, plus
    /// <c>TMUX_TMPDIR</c>, which tells tmux where its sockets are.
    /// </summary>
    public static bool IsKeptForTmux(string name, string value) => name == "TMUX_TMPDIR" || IsKept(name, value);

    /// <summary>The kept subset of <paramref name="environment"/>, sorted by name for stable tmux arguments.</summary>
    public static IReadOnlyDictionary<string, string> Filter(IEnumerable<KeyValuePair<string, string>> environment)
    {
        var kept = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in environment)
        {
            if (IsKept(name, value))
                kept[name] = value;
        }
        return kept;
    }

    /// <summary>The kept subset of this process's environment.</summary>
    public static IReadOnlyDictionary<string, string> FromCurrentProcess()
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value)
                pairs.Add(new(name, value));
        }
        return Filter(pairs);
    }
}
