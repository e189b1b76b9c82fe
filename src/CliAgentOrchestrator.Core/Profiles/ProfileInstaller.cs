using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CliAgentOrchestrator.Core.Profiles;

/// <summary>
/// <c>cao install &lt;name|path.md&gt;</c>: puts a profile where every provider can use it — the local
/// agent store (for files), a raw copy in <c>&lt;home&gt;/agent-context</c>, and the kiro agent JSON
/// Kiro CLI requires (Claude Code, Codex, Copilot CLI and OpenCode get everything at launch).
/// </summary>
/// <param name="store">Resolves names and owns the home directory.</param>
/// <param name="kiroAgentsDirectory">Where kiro agent JSON goes; see <see cref="DefaultKiroAgentsDirectory"/>.</param>
public sealed class ProfileInstaller(ProfileStore store, string kiroAgentsDirectory)
{
    /// <summary>Overrides the kiro agents directory.</summary>
    public const string AgentsDirectoryVariable = "CAO_AGENTS_DIR";

    // handoff blocks inside one cao-mcp-server tool call until the worker answers; Kiro's default
    // MCP timeout would cut that off, so CAO's own server gets ten minutes unless the profile says.
    private const double CaoServerTimeoutMs = 600_000;

    // Kiro agent fields passed through from the frontmatter as written.
    private static readonly string[] PassThroughFields = ["toolAliases", "toolsSettings", "resources", "hooks", "useLegacyMcpJson"];

    /// <summary><c>CAO_AGENTS_DIR</c>, else <c>&lt;user home&gt;/.kiro/agents</c>.</summary>
    public static string DefaultKiroAgentsDirectory(string userHome, Func<string, string?>? environment = null) =>
        (environment ?? Environment.GetEnvironmentVariable)(AgentsDirectoryVariable) is { Length: > 0 } dir
            ? dir
            : Path.Combine(userHome, ".kiro", "agents");

    /// <summary>Installs a profile given by name (any lookup tier) or by the path of a <c>.md</c> file.</summary>
    /// <exception cref="ProfileException">Unknown name, missing file, invalid name or invalid profile.</exception>
    public InstallResult Install(string nameOrPath)
    {
        if (nameOrPath.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || nameOrPath.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            throw new ProfileException($"Installing from a URL is not supported yet: download '{nameOrPath}' and run 'cao install <file.md>'.");

        string raw;
        AgentProfile profile;
        string? storePath = null;
        if (LooksLikePath(nameOrPath))
        {
            var file = Path.GetFullPath(nameOrPath);
            if (!File.Exists(file)) throw new ProfileException($"Profile file '{nameOrPath}' does not exist.");
            raw = File.ReadAllText(file);
            profile = ProfileParser.Parse(raw, Path.GetFileNameWithoutExtension(file), store.Variables);
            ProfileNames.Validate(profile.Name);
            storePath = Path.Combine(store.AgentStoreDirectory, profile.Name + ".md");
            if (!PathsEqual(file, storePath)) WriteText(storePath, raw);
        }
        else
        {
            var found = store.Find(nameOrPath)
                ?? throw new ProfileException($"Agent profile '{nameOrPath}' not found. Pass a path to a .md file, or one of: {string.Join(", ", store.List().Select(s => s.Name))}.");
            (raw, profile) = (found.RawText, found.Profile);
        }

        var contextPath = Path.Combine(store.HomeDirectory, "agent-context", profile.Name + ".md");
        WriteText(contextPath, raw);
        var kiroPath = Path.Combine(kiroAgentsDirectory, profile.Name + ".json");
        WriteText(kiroPath, BuildKiroAgentJson(profile));
        return new InstallResult(profile.Name, storePath, contextPath, kiroPath);
    }

    /// <summary>The kiro agent document: name, description, prompt, mcpServers, tools, allowedTools, and pass-through fields.</summary>
    public static string BuildKiroAgentJson(AgentProfile profile)
    {
        var servers = new JsonObject();
        foreach (var (name, server) in profile.McpServers)
        {
            var entry = new JsonObject
            {
                ["command"] = server.Command,
                ["args"] = new JsonArray(server.Args.Select(a => (JsonNode?)a).ToArray()),
            };
            if (server.Env.Count > 0)
            {
                var env = new JsonObject();
                foreach (var (key, value) in server.Env) env[key] = value;
                entry["env"] = env;
            }
            var timeout = server.Timeout ?? (name == "cao-mcp-server" ? CaoServerTimeoutMs : (double?)null);
            if (timeout is { } t) entry["timeout"] = t % 1 == 0 ? JsonValue.Create((long)t) : JsonValue.Create(t);
            servers[name] = entry;
        }

        var agent = new JsonObject
        {
            ["name"] = profile.Name,
            ["description"] = profile.Description,
            ["prompt"] = profile.EffectiveSystemPrompt,
            ["mcpServers"] = servers,
            ["tools"] = ToJson(profile.Frontmatter.GetValueOrDefault("tools")) ?? new JsonArray("*"),
            ["allowedTools"] = new JsonArray(ToolPolicy.Resolve(profile).Select(t => (JsonNode?)t).ToArray()),
        };
        if (!string.IsNullOrWhiteSpace(profile.Model)) agent["model"] = profile.Model;
        foreach (var field in PassThroughFields)
            if (profile.Frontmatter.TryGetValue(field, out var value) && value is not null) agent[field] = ToJson(value);
        return agent.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        IReadOnlyDictionary<string, object?> map => new JsonObject(map.Select(kv => KeyValuePair.Create(kv.Key, ToJson(kv.Value)))),
        IEnumerable<object?> list => new JsonArray(list.Select(ToJson).ToArray()),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static bool LooksLikePath(string value) =>
        value.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || value.Contains('/') || value.Contains(Path.DirectorySeparatorChar);

    private static bool PathsEqual(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    private static void WriteText(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
