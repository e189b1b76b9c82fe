namespace CliAgentOrchestrator.Server;

/// <summary>Where the server listens and whom it answers. Defaults match the Python server.</summary>
public sealed record ServerOptions
{
    public const int DefaultPort = 9889;

    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = DefaultPort;

    /// <summary>Extra Host-header values from <c>CAO_ALLOWED_HOSTS</c> (<c>*</c> allows any).</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Extra browser origins from <c>CAO_CORS_ORIGINS</c> (<c>*</c> allows any).</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    /// <summary>A private tmux server (<c>tmux -L</c>) instead of the default one; from <c>CAO_TMUX_SOCKET</c>.</summary>
    public string? TmuxSocket { get; init; } = NonEmpty(Environment.GetEnvironmentVariable("CAO_TMUX_SOCKET"));

    public string BaseUrl => $"http://{Host}:{Port}";

    /// <summary>Reads <c>CAO_API_HOST</c>, <c>CAO_API_PORT</c>, <c>CAO_ALLOWED_HOSTS</c> and <c>CAO_CORS_ORIGINS</c>; explicit values win.</summary>
    public static ServerOptions FromEnvironment(string? host = null, int? port = null)
    {
        var envPort = int.TryParse(Environment.GetEnvironmentVariable("CAO_API_PORT"), out var parsed) ? parsed : DefaultPort;
        return new ServerOptions
        {
            Host = host ?? NonEmpty(Environment.GetEnvironmentVariable("CAO_API_HOST")) ?? "127.0.0.1",
            Port = port ?? envPort,
            AllowedHosts = List("CAO_ALLOWED_HOSTS"),
            CorsOrigins = List("CAO_CORS_ORIGINS"),
        };
    }

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

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static IReadOnlyList<string> List(string variable) =>
        (Environment.GetEnvironmentVariable(variable) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
