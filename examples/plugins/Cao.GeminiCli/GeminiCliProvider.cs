using System.Text.Json;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Plugins.Providers;

namespace Cao.GeminiCli;

/// <summary>
/// <c>gemini_cli</c>: Google's Gemini CLI (<c>@google/gemini-cli</c>, tested with 0.61.0). Gemini CLI reads
/// MCP servers and every other setting from <c>~/.gemini/settings.json</c>, the project's
/// <c>.gemini/settings.json</c>, or system files it accepts only when root owns them and their folders. So CAO
/// gives each agent its own Gemini home (<c>GEMINI_CLI_HOME</c>): a folder whose <c>.gemini/settings.json</c> is the
/// user's settings with CAO's additions merged over them, whose <c>GEMINI.md</c> carries the profile's prompt,
/// and whose other entries link to the user's own <c>~/.gemini</c> (sign-in, history, trusted folders), so
/// nothing of the user's setup is lost and nothing of CAO's is written into it. Screen rules live in
/// <c>GeminiCliProvider.Screen.cs</c>.
/// </summary>
public sealed partial class GeminiCliProvider(ProviderContext context) : ProviderBase(context)
{
    /// <summary>The provider key.</summary>
    public const string ProviderKey = "gemini_cli";

    /// <summary>The CLI binary.</summary>
    public const string Binary = "gemini";

    /// <summary>The variable that moves Gemini CLI's home (the folder holding <c>.gemini</c>).</summary>
    public const string HomeVariable = "GEMINI_CLI_HOME";

    private const string HomeSuffix = ".gemini-home";

    /// <inheritdoc />
    public override string Key => ProviderKey;

    /// <inheritdoc />
    public override string ExitCommand => "/quit";

    /// <summary>
    /// One Enter submits a paste, but Gemini CLI takes an Enter it reads within 40 ms of the paste as a new
    /// line; on a loaded machine it can read both at once however long CAO waits, and the message then stays
    /// in the input box. A second Enter submits it then, and does nothing on the empty box otherwise. Only
    /// without confirmations (YOLO): a confirmation menu drawn in between would take it as "Allow once".
    /// </summary>
    public override int PasteEnterCount => Unrestricted ? 2 : 1;

    /// <summary>
    /// Gemini CLI takes an Enter that follows a paste too closely as a new line in the input
    /// (its paste protection), so the Enter waits a little longer than the default.
    /// </summary>
    public override TimeSpan PasteSubmitDelay => TimeSpan.FromMilliseconds(800);

    /// <summary>Tool confirmations are menus: pasted text would land in them.</summary>
    public override bool BlocksOrchestratedInputWhileWaiting => true;

    /// <summary>Gemini CLI draws its prompt before its MCP servers are connected.</summary>
    public override TimeSpan? CaoMcpServerWait => WaitWhenProfileListsCaoMcpServer;

    /// <inheritdoc />
    protected override string LaunchBinaryHint => Binary;

    /// <summary>This terminal's Gemini home, <c>&lt;cao home&gt;/tmp/&lt;id&gt;.gemini-home</c>.</summary>
    public string GeminiHome => TempFilePath(HomeSuffix);

    /// <summary>
    /// Where the user's own Gemini folder is: <c>$GEMINI_CLI_HOME/.gemini</c> when the server runs with one,
    /// else <c>~/.gemini</c>. Tests replace it.
    /// </summary>
    public string UserGeminiFolder { get; init; } = Path.Combine(
        Environment.GetEnvironmentVariable(HomeVariable) is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        ".gemini");

    /// <summary>Whether the agent may use every tool without asking (no allow-list, or <c>*</c>).</summary>
    public bool Unrestricted => Context.AllowedTools is null || Context.AllowedTools.Contains("*");

    /// <inheritdoc />
    public override string BuildLaunchCommand()
    {
        WriteGeminiHome();
        // --skip-trust: CAO starts agents in the folder the operator chose; without it Gemini CLI asks
        // whether to trust the folder, and an untrusted folder loads no project settings or MCP servers.
        var args = new List<string> { Binary, "--skip-trust" };
        if (Unrestricted) args.AddRange(["--approval-mode", "yolo"]);
        var model = Context.Model ?? Context.Profile?.Model;
        if (!string.IsNullOrWhiteSpace(model)) args.AddRange(["--model", model]);
        // Variables in front of the command reach Gemini CLI only; the pane's shell keeps its own.
        return $"{HomeVariable}={ShellQuote.Quote(GeminiHome)} {ShellQuote.Join(args)}";
    }

    /// <summary>
    /// The settings CAO adds over the user's: no auto-update, no usage statistics or telemetry, and the
    /// profile's MCP servers (<c>cao-mcp-server</c> made to reach this server), trusted when the allow-list lets
    /// the agent use them, so their calls do not stop at a confirmation.
    /// </summary>
    public JsonObject CaoSettings()
    {
        var servers = new JsonObject();
        foreach (var (name, server) in McpServers.ForTerminal(Context, cliSpeaksHttp: true))
        {
            var entry = server.Url is { } url
                // CAO's own tools at the server's endpoint: Gemini CLI's key for a Streamable HTTP server.
                ? new JsonObject { ["httpUrl"] = url }
                : StdioEntry(server);
            entry["trust"] = Unrestricted || Context.AllowedTools!.Contains("@" + name);
            // The profile writes seconds or milliseconds as it likes; Gemini CLI reads milliseconds.
            if (server.Timeout is { } timeout) entry["timeout"] = timeout;
            servers[name] = entry;
        }
        var settings = new JsonObject
        {
            ["general"] = new JsonObject { ["enableAutoUpdate"] = false, ["enableAutoUpdateNotification"] = false },
            ["privacy"] = new JsonObject { ["usageStatisticsEnabled"] = false },
            ["telemetry"] = new JsonObject { ["enabled"] = false },
        };
        if (servers.Count > 0) settings["mcpServers"] = servers;
        return settings;
    }

    private static JsonObject StdioEntry(McpServerConfig server)
    {
        var env = new JsonObject();
        foreach (var (key, value) in server.Env) env[key] = value;
        return new JsonObject
        {
            ["command"] = server.Command,
            ["args"] = new JsonArray([.. server.Args.Select(a => (JsonNode?)a)]),
            ["env"] = env,
        };
    }

    /// <summary>Writes this terminal's Gemini home; returns its <c>.gemini</c> folder.</summary>
    public string WriteGeminiHome()
    {
        var settings = GeminiSettingsFile.Merge(GeminiSettingsFile.Read(Path.Combine(UserGeminiFolder, GeminiSettingsFile.Name)), CaoSettings());
        var settingsPath = WriteTempFile($"{HomeSuffix}/.gemini/{GeminiSettingsFile.Name}", settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var folder = Path.GetDirectoryName(settingsPath)!;
        var memory = GeminiMemory();
        if (memory.Length > 0) WriteTempFile($"{HomeSuffix}/.gemini/{GeminiMemoryFile}", memory);
        LinkUserEntries(folder);
        return folder;
    }

    private const string GeminiMemoryFile = "GEMINI.md";

    // The user's global GEMINI.md (if any), then the profile's prompt: Gemini CLI puts both into its
    // system instruction as memory, beside its own prompt rather than instead of it.
    private string GeminiMemory()
    {
        var parts = new List<string>();
        var userMemory = Path.Combine(UserGeminiFolder, GeminiMemoryFile);
        if (File.Exists(userMemory)) parts.Add(File.ReadAllText(userMemory).Trim());
        if (Context.Profile?.EffectiveSystemPrompt.Trim() is { Length: > 0 } prompt) parts.Add(prompt);
        return string.Join("\n\n", parts.Where(p => p.Length > 0));
    }

    // Everything else of the user's ~/.gemini (sign-in, trusted folders, history, extensions…) is linked,
    // so the agent runs as the user's Gemini CLI does and what it records lands in the user's folder.
    private void LinkUserEntries(string folder)
    {
        if (!Directory.Exists(UserGeminiFolder)) return;
        foreach (var entry in Directory.EnumerateFileSystemEntries(UserGeminiFolder))
        {
            var name = Path.GetFileName(entry);
            if (name is GeminiSettingsFile.Name or GeminiMemoryFile) continue;
            var link = Path.Combine(folder, name);
            if (Path.Exists(link)) continue;
            if (Directory.Exists(entry)) Directory.CreateSymbolicLink(link, entry);
            else File.CreateSymbolicLink(link, entry);
        }
    }

    /// <summary>Removes the whole Gemini home: CAO's files, the links (not what they point at) and what the CLI wrote there.</summary>
    public override void Cleanup()
    {
        var home = GeminiHome;
        try
        {
            if (Directory.Exists(home)) DeleteWithoutFollowingLinks(new DirectoryInfo(home));
        }
        catch (IOException) { } // busy or gone: nothing useful to do at teardown
        catch (UnauthorizedAccessException) { }
        base.Cleanup();
    }

    private static void DeleteWithoutFollowingLinks(DirectoryInfo folder)
    {
        foreach (var entry in folder.EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is not null || entry is FileInfo) entry.Delete();
            else DeleteWithoutFollowingLinks((DirectoryInfo)entry);
        }
        folder.Delete();
    }
}
