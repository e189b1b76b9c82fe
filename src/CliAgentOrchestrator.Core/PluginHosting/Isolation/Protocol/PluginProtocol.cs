namespace CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;

/// <summary>
/// The names and numbers of the isolated-plugin wire protocol (docs/plugin-protocol.md): JSON-RPC 2.0,
/// one message per line, over the child's stdin (server to child) and stdout (child to server).
/// </summary>
internal static class PluginProtocol
{
    /// <summary>Bumped only for changes an older peer cannot ignore; new methods and fields are announced as capabilities instead.</summary>
    public const int Version = 1;

    // Server → child.
    public const string Initialize = "initialize";
    public const string Setup = "setup";
    public const string Hook = "hook";
    public const string PreHook = "pre_hook";
    public const string Heartbeat = "heartbeat";
    public const string Teardown = "teardown";
    public const string ToolCall = "tool.call";

    // Child → server.
    public const string Log = "log";
    public const string GetTerminal = "state.get_terminal";

    /// <summary>What this runner implements, sent in the handshake so either side can add methods without a version bump.</summary>
    public static readonly IReadOnlyList<string> RunnerCapabilities = [Hook, PreHook, Heartbeat, Teardown, ToolCall, Log, GetTerminal];

    /// <summary>What this server answers, sent in the handshake.</summary>
    public static readonly IReadOnlyList<string> ServerCapabilities = [Log, GetTerminal];

    /// <summary>JSON-RPC's own code for bad params.</summary>
    public const int InvalidParams = -32602;

    // Error codes in the JSON-RPC "server error" range.
    public const int NotSetUp = -32001;
    public const int SetupFailed = -32002;
    public const int HookFailed = -32003;
    public const int UnknownHook = -32004;
    public const int UnsupportedProtocol = -32005;
    public const int UnknownTool = -32006;

    /// <summary>The exit code of a child whose plugin hit the memory cap.</summary>
    public const int MemoryLimitExitCode = 86;
}
