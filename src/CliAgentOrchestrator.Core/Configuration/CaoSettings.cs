namespace CliAgentOrchestrator.Core.Configuration;

/// <summary>
/// Every environment variable CAO reads as configuration, mapped explicitly to its configuration key.
/// The names are the Python original's and must not change: users' shells and service files set them.
/// </summary>
public static class CaoSettings
{
    /// <summary>Environment variables <c>CAO_PLUGIN_&lt;NAME&gt;_&lt;KEY&gt;</c> land under this section, keyed by the part after the prefix.</summary>
    public const string PluginVariablePrefix = "CAO_PLUGIN_";

    /// <summary>The section holding the <see cref="PluginVariablePrefix"/> variables (see <see cref="PluginHosting.PluginSettings"/>).</summary>
    public const string PluginVariablesSection = "PluginVariables";

    public static readonly CaoSetting Home = new("Home", "CAO_HOME_DIR", SettingKind.Text) { ReachesAgents = true };
    public static readonly CaoSetting ApiHost = new("Server:Host", "CAO_API_HOST", SettingKind.Text, "--host") { ReachesAgents = true };
    public static readonly CaoSetting ApiPort = new("Server:Port", "CAO_API_PORT", SettingKind.Port, "--port") { ReachesAgents = true };
    public static readonly CaoSetting AllowedHosts = new("Server:AllowedHosts", "CAO_ALLOWED_HOSTS", SettingKind.CommaList);
    public static readonly CaoSetting CorsOrigins = new("Server:CorsOrigins", "CAO_CORS_ORIGINS", SettingKind.CommaList);
    public static readonly CaoSetting LogLevel = new("Server:LogLevel", "CAO_LOG_LEVEL", SettingKind.LogLevelName);
    public static readonly CaoSetting LogRetainedFiles = new("Server:LogRetainedFiles", "CAO_LOG_RETAINED_FILES", SettingKind.PositiveInteger);
    public static readonly CaoSetting TmuxSocket = new("Tmux:Socket", "CAO_TMUX_SOCKET", SettingKind.Text);
    public static readonly CaoSetting InboxSweep = new("Inbox:SweepInterval", "CAO_INBOX_SWEEP_SECONDS", SettingKind.PositiveSeconds);
    public static readonly CaoSetting InboxBatch = new("Inbox:BatchSize", "CAO_INBOX_BATCH_SIZE", SettingKind.PositiveInteger);
    public static readonly CaoSetting MaxMessageBytes = new("Messages:MaxBytes", "CAO_MAX_MESSAGE_BYTES", SettingKind.PositiveInteger);
    public static readonly CaoSetting OutputBuffer = new("TerminalOutput:BufferCapacity", "CAO_STATE_BUFFER_MAX", SettingKind.PositiveInteger);
    public static readonly CaoSetting ProviderInitTimeout = new("Providers:InitTimeout", "CAO_PROVIDER_INIT_TIMEOUT", SettingKind.PositiveSeconds);
    public static readonly CaoSetting PluginPath = new("PluginHost:PluginPath", "CAO_PLUGIN_PATH", SettingKind.Text);
    public static readonly CaoSetting HookTimeout = new("PluginHost:HookTimeout", "CAO_PLUGINS_HOOK_TIMEOUT", SettingKind.PositiveSeconds);
    public static readonly CaoSetting ToolTimeout = new("PluginHost:ToolTimeout", "CAO_PLUGINS_TOOL_TIMEOUT", SettingKind.PositiveSeconds);
    public static readonly CaoSetting SetupTimeout = new("PluginHost:SetupTimeout", "CAO_PLUGINS_SETUP_TIMEOUT", SettingKind.PositiveSeconds);
    public static readonly CaoSetting TeardownTimeout = new("PluginHost:TeardownTimeout", "CAO_PLUGINS_TEARDOWN_TIMEOUT", SettingKind.PositiveSeconds);
    public static readonly CaoSetting DrainTimeout = new("PluginHost:DrainTimeout", "CAO_PLUGINS_DRAIN_TIMEOUT", SettingKind.PositiveSeconds);
    public static readonly CaoSetting QueueCapacity = new("PluginHost:QueueCapacity", "CAO_PLUGINS_QUEUE_CAPACITY", SettingKind.PositiveInteger);
    public static readonly CaoSetting HeartbeatInterval = new("PluginHost:HeartbeatInterval", "CAO_PLUGINS_HEARTBEAT_INTERVAL", SettingKind.PositiveSeconds);
    public static readonly CaoSetting HeartbeatTimeout = new("PluginHost:HeartbeatTimeout", "CAO_PLUGINS_HEARTBEAT_TIMEOUT", SettingKind.PositiveSeconds);
    public static readonly CaoSetting MaxRestarts = new("PluginHost:MaxRestarts", "CAO_PLUGINS_MAX_RESTARTS", SettingKind.PositiveInteger);
    public static readonly CaoSetting RestartWindow = new("PluginHost:RestartWindow", "CAO_PLUGINS_RESTART_WINDOW", SettingKind.PositiveSeconds);
    public static readonly CaoSetting McpRequestTimeout = new("Mcp:RequestTimeout", "CAO_MCP_REQUEST_TIMEOUT", SettingKind.PositiveSeconds) { ReachesAgents = true };
    public static readonly CaoSetting SenderIdInjection = new("Mcp:SenderIdInjection", "CAO_ENABLE_SENDER_ID_INJECTION", SettingKind.Boolean) { ReachesAgents = true };
    public static readonly CaoSetting McpTransport = new("Mcp:Transport", "CAO_MCP_TRANSPORT", SettingKind.OneOf(AgentConnection.HttpTransport, AgentConnection.StdioTransport));

    /// <summary>The whole table, in documentation order.</summary>
    public static IReadOnlyList<CaoSetting> All { get; } =
    [
        Home, ApiHost, ApiPort, AllowedHosts, CorsOrigins, LogLevel, LogRetainedFiles, TmuxSocket, InboxSweep, InboxBatch, MaxMessageBytes, OutputBuffer,
        ProviderInitTimeout, PluginPath, HookTimeout, ToolTimeout, SetupTimeout, TeardownTimeout, DrainTimeout, QueueCapacity,
        HeartbeatInterval, HeartbeatTimeout, MaxRestarts, RestartWindow, McpRequestTimeout, SenderIdInjection, McpTransport,
    ];
}
