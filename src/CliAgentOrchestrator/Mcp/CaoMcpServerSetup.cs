using Microsoft.Extensions.DependencyInjection;

namespace CliAgentOrchestrator.Mcp;

/// <summary>
/// What CAO's MCP server offers, whichever way an agent reaches it (<c>cao mcp-server</c> over stdio, or
/// the server's <c>/terminals/{id}/mcp</c> over Streamable HTTP): CAO's four tools, then the plugins' tools.
/// The transport adds <see cref="McpCaller"/>, <see cref="Client.CaoApiClient"/>, <see cref="McpOptions"/>,
/// <see cref="PluginToolsBridge"/> and an <see cref="IToolsListedReport"/>.
/// </summary>
public static class CaoMcpServerSetup
{
    public const string ServerName = "cao-mcp-server";

    private static readonly IReadOnlySet<string> BuiltInTools = Core.PluginHosting.Tools.PluginToolNames.BuiltIn;

    public static IMcpServerBuilder AddCaoMcpServer(this IServiceCollection services) =>
        services.AddMcpServer(o => o.ServerInfo = new() { Name = ServerName, Version = typeof(CaoMcpServerSetup).Assembly.GetName().Version?.ToString() ?? "0" })
            .WithTools<OrchestrationTools>()
            .WithRequestFilters(filters => filters
                .AddListToolsFilter(next => async (context, ct) =>
                {
                    var tools = await next(context, ct);
                    // Plugin tools after CAO's own; a plugin cannot take a built-in name (refused at load).
                    if (context.Services?.GetRequiredService<PluginToolsBridge>() is { } bridge)
                        foreach (var tool in await bridge.ListAsync(ct))
                            if (!tools.Tools.Any(t => t.Name == tool.Name))
                                tools.Tools.Add(tool);
                    context.Services?.GetRequiredService<IToolsListedReport>().Send();
                    return tools;
                })
                .AddCallToolFilter(next => async (context, ct) =>
                {
                    // CAO's own tools go to their methods; any other name is asked of the plugins.
                    if (context.Params?.Name is not { } name || BuiltInTools.Contains(name) || context.Services is null)
                        return await next(context, ct);
                    return await context.Services.GetRequiredService<PluginToolsBridge>().CallAsync(name, context.Params.Arguments, ct);
                }));
}
