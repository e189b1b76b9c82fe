using CliAgentOrchestrator.Client;
using CliAgentOrchestrator.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Mcp;

/// <summary>
/// <c>cao mcp-server</c>: the in-session MCP server an agent CLI starts over stdio. Logs go to
/// stderr because stdout carries the protocol.
/// </summary>
public static class McpServerHost
{
    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var raw = Environment.GetEnvironmentVariable(TerminalIdentity.Variable);
        if (raw is not null && !TerminalIdentity.IsValid(raw))
        {
            await Console.Error.WriteLineAsync($"{TerminalIdentity.Variable} must be 8 lowercase hex characters, got '{raw}'");
            return 1;
        }

        // Program.cs has already read and checked the same configuration, reporting a bad value in one line.
        var configuration = CaoConfiguration.FromProcess();
        var options = configuration.Bind<McpOptions>(McpOptions.Section);
        var server = Server.ServerOptions.From(configuration);

        var builder = Host.CreateEmptyApplicationBuilder(settings: null);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Every request is bounded by CAO_MCP_REQUEST_TIMEOUT except handoff, which waits for its worker.
        builder.Services.AddSingleton(options);
        // Named apart from the server (OTEL_SERVICE_NAME reaches agents with the other OTEL_* variables).
        // The exporter reads OTEL_* through the host's configuration, which an empty builder lacks.
        if (Server.OpenTelemetrySetup.AddIfEnabled(builder.Services, "cao-mcp-server", name => name == "OTEL_SERVICE_NAME" ? null : Environment.GetEnvironmentVariable(name)))
            builder.Configuration.AddEnvironmentVariables();
        builder.Services.AddSingleton(_ => CaoApiClient.Connect(server.Host, server.Port, options.RequestTimeout));
        builder.Services.AddSingleton(new McpCaller(() => TerminalIdentity.Current()));
        builder.Services.AddSingleton<IToolsListedReport, ToolsListedReport>();
        builder.Services.AddSingleton<PluginToolsBridge>();
        builder.Services.AddCaoMcpServer().WithStdioServerTransport();
        await builder.Build().RunAsync(cancellationToken);
        return 0;
    }
}
