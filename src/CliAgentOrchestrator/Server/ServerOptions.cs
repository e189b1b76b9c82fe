using CliAgentOrchestrator.Core.Configuration;

namespace CliAgentOrchestrator.Server;

/// <summary>
/// Where the server listens and whom it answers, bound from the <c>Server</c> section of
/// <see cref="CaoConfiguration"/> (<c>CAO_API_HOST</c>, <c>CAO_API_PORT</c>, <c>CAO_ALLOWED_HOSTS</c>,
/// <c>CAO_CORS_ORIGINS</c>, <c>CAO_LOG_LEVEL</c>, <c>CAO_LOG_RETAINED_FILES</c>; <c>--host</c>/<c>--port</c>). Defaults match the Python server.
/// </summary>
public sealed record ServerOptions
{
    public const string Section = "Server";
    public const int DefaultPort = AgentConnection.DefaultPort;

    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = DefaultPort;

    /// <summary>Extra Host-header values from <c>CAO_ALLOWED_HOSTS</c> (<c>*</c> allows any).</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Extra browser origins from <c>CAO_CORS_ORIGINS</c> (<c>*</c> allows any).</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    /// <summary>A private tmux server (<c>tmux -L</c>) instead of the default one; from <c>CAO_TMUX_SOCKET</c>.</summary>
    public string? TmuxSocket { get; init; }

    /// <summary>The least severe log level written (<c>CAO_LOG_LEVEL</c>).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>How many daily (or 10 MB) server log files are kept before the oldest is deleted (<c>CAO_LOG_RETAINED_FILES</c>).</summary>
    public int LogRetainedFiles { get; init; } = 7;

    public string BaseUrl => $"http://{Host}:{Port}";

    /// <summary>The server options of <paramref name="configuration"/>; the tmux socket comes from the <c>Tmux</c> section the core reads too.</summary>
    public static ServerOptions From(IConfiguration configuration) =>
        configuration.Bind<ServerOptions>(Section) with { TmuxSocket = configuration[CaoSettings.TmuxSocket.Key] };

    public bool IsAllowedHost(string host) =>
        host is "localhost" or "127.0.0.1" or "[::1]" or "::1"
        || AllowedHosts.Contains("*")
        || AllowedHosts.Contains(host, StringComparer.OrdinalIgnoreCase);

    /// <summary>The browser origins allowed to change state: local dev servers, the server itself, and <see cref="CorsOrigins"/>.</summary>
    public IEnumerable<string> AllowedOrigins =>
        new[] { 3000, 5173, 5174 }.SelectMany(p => new[] { $"http://localhost:{p}", $"http://127.0.0.1:{p}" })
            .Append($"http://localhost:{Port}").Append($"http://127.0.0.1:{Port}")
            .Concat(CorsOrigins.Where(o => o != "*"));

    public bool IsAllowedOrigin(string origin) =>
        CorsOrigins.Contains("*") || AllowedOrigins.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase);
}
