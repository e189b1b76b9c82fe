using CliAgentOrchestrator.Client;
using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Core.Terminals;
using CliAgentOrchestrator.Server;
using ModelContextProtocol.AspNetCore;

namespace CliAgentOrchestrator.Mcp;

/// <summary>
/// CAO's MCP server inside cao-server, over Streamable HTTP: <c>/terminals/{id}/mcp</c> acts for that
/// terminal, <c>/mcp</c> for none (like <c>cao mcp-server</c> without <c>CAO_TERMINAL_ID</c>). An agent whose
/// CLI speaks HTTP reaches its tools here instead of starting a .NET process of its own, which took about
/// half a second of CPU before its first tool was listed. Stateless: every request stands alone, so nothing
/// is kept per agent and a server restart loses no session.
/// </summary>
public static class McpEndpoint
{
    /// <summary>The route of a terminal's endpoint; agents are given it by <see cref="AgentConnection.McpUrlFor"/>.</summary>
    public const string TerminalPattern = "/terminals/{terminalId}/mcp";
    public const string AnonymousPattern = "/mcp";
    public const string TerminalRouteValue = "terminalId";

    public static void AddServices(IServiceCollection services, IConfiguration configuration, ServerOptions server)
    {
        var options = configuration.Bind<McpOptions>(McpOptions.Section);
        services.AddHttpContextAccessor();
        services.AddSingleton(options);
        // The tools call the server's API over loopback, as `cao mcp-server` does: one path through the
        // pre-hooks, checks and events for both, for the cost of a local request.
        services.AddSingleton(_ => CaoApiClient.Connect(server.Host, server.Port, options.RequestTimeout));
        services.AddScoped(sp =>
        {
            var http = sp.GetRequiredService<IHttpContextAccessor>();
            return new McpCaller(() => http.HttpContext?.GetRouteValue(TerminalRouteValue) as string);
        });
        services.AddScoped<IToolsListedReport, ServerToolsListedReport>();
        services.AddScoped<PluginToolsBridge>();
        services.AddCaoMcpServer().WithHttpTransport(http => http.SessionMode = HttpServerSessionMode.Stateless);
    }

    public static void Map(WebApplication app)
    {
        // After routing (WebApplication routes first), before the MCP handler reads the body.
        app.UseMiddleware<McpTerminalGuard>();
        app.MapMcp(TerminalPattern).ExcludeFromDescription();
        app.MapMcp(AnonymousPattern).ExcludeFromDescription();
    }
}
