using CliAgentOrchestrator.Core.Terminals;

namespace CliAgentOrchestrator.Mcp;

/// <summary>
/// A request to <c>/terminals/{id}/mcp</c> must name a terminal this server knows: an unknown or malformed
/// id gets the API's own 404/422 answer (through <see cref="Api.ApiErrorMiddleware"/>) before the MCP
/// handler runs, rather than tools that fail one by one later.
/// </summary>
public sealed class McpTerminalGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, TerminalService terminals)
    {
        // MapMcp maps a group under the pattern, so its endpoints' patterns start with it.
        if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern }
            && pattern.StartsWith(McpEndpoint.TerminalPattern, StringComparison.Ordinal)
            && context.GetRouteValue(McpEndpoint.TerminalRouteValue) is string terminalId)
        {
            terminals.Require(terminalId);
        }
        return next(context);
    }
}
