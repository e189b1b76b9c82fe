using System.ComponentModel;
using CliAgentOrchestrator.Core.Errors;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Core.PluginHosting.Tools;
using CliAgentOrchestrator.Core.Profiles;
using CliAgentOrchestrator.Core.Terminals;
using Microsoft.AspNetCore.Mvc;

namespace CliAgentOrchestrator.Api;

/// <summary>
/// <c>/plugin-tools</c>: the tools plugins offer agents, which every agent's <c>cao mcp-server</c> lists
/// beside CAO's own and forwards calls to. Not under <c>/plugins/</c>, where the segment after it is a
/// plugin's name: a plugin called <c>tools</c> would be hidden. With a terminal id, the terminal's
/// allowed tools apply (<see cref="PluginToolPolicy"/>).
/// </summary>
public static class PluginToolEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/plugin-tools", ([FromQuery(Name = "terminal_id"), Description("The calling agent's terminal; its allowed tools filter the list (404 when unknown)")] string? terminalId, PluginHost host, TerminalService terminals) =>
            {
                var allowed = AllowedTools(terminalId, terminals);
                return Results.Json(host.ListTools().Where(t => PluginToolPolicy.Allows(allowed, t.Name)).ToList());
            })
            .WithSummary("List the tools plugins offer agents")
            .WithDescription("Every tool of every plugin that is not disabled, named `<plugin>_<tool>`, with its description, input JSON schema and whether it can be called now (`available`, else `problem` says why: typically its plugin is not configured). With `terminal_id`, only the tools that terminal's allowed tools permit.")
            .Produces<List<PluginToolInfo>>()
            .Produces(StatusCodes.Status404NotFound);
        app.MapPost("/plugin-tools/{name}/call", async ([Description("The tool's name as agents see it, `<plugin>_<tool>`")] string name, PluginToolCall call, PluginHost host, TerminalService terminals, CancellationToken cancellationToken) =>
            {
                var allowed = AllowedTools(call.TerminalId, terminals);
                if (!PluginToolPolicy.Allows(allowed, name))
                    throw new ForbiddenException($"Terminal {call.TerminalId} may not use the tool '{name}': its allowed tools ({string.Join(", ", allowed!)}) do not include it; add '@cao-mcp-server/{name}' to the profile's allowedTools");
                return Results.Json(await host.CallToolAsync(name, call.Arguments, call.TerminalId, cancellationToken));
            })
            .WithSummary("Call a plugin tool")
            .WithDescription("Runs the tool in its plugin (in the server, or in the plugin's own process when it is isolated) for the agent in `terminal_id` (handed to the tool). JSON body: terminal_id, arguments (the tool's arguments object). Answers `{is_error, text}`: a tool that fails, times out, gets bad arguments, whose plugin is not configured or whose isolated plugin crashed during the call answers 200 with `is_error: true` and the reason. 404 for an unknown tool or terminal, 403 when the terminal's allowed tools exclude it.")
            .Accepts<PluginToolCall>("application/json")
            .Produces<PluginToolResult>()
            .Produces(StatusCodes.Status403Forbidden)
            .Produces(StatusCodes.Status404NotFound);
    }

    // Null (unrestricted) without a terminal: a caller outside CAO terminals is the operator.
    private static IReadOnlyList<string>? AllowedTools(string? terminalId, TerminalService terminals) =>
        string.IsNullOrEmpty(terminalId) ? null : terminals.Require(terminalId).AllowedTools;
}
