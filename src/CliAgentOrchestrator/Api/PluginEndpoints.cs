using CliAgentOrchestrator.Core.Errors;
using CliAgentOrchestrator.Core.PluginHosting;

namespace CliAgentOrchestrator.Api;

/// <summary><c>GET /plugins</c>: every plugin seen at start-up, its status, hooks and live counters.</summary>
public static class PluginEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/plugins", (PluginHost host) => Results.Json(host.Describe()));
        app.MapGet("/plugins/{name}", (string name, PluginHost host) =>
            host.Describe().FirstOrDefault(p => p.Name == name) is { } plugin
                ? Results.Json(plugin)
                : throw new NotFoundException($"No plugin named '{name}' was seen at start-up; see GET /plugins"));
    }
}
