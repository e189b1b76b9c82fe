using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Core.Errors;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Core.PluginHosting.Installation;

namespace CliAgentOrchestrator.Api;

/// <summary>
/// <c>/plugins</c>: every plugin the server knows, its status, hooks and live counters; reloading one
/// without a restart; and firing a synthetic event at one plugin (<c>cao plugin test</c>).
/// </summary>
public static class PluginEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/plugins", (PluginHost host) => Results.Json(host.Describe()))
            .WithSummary("List plugins")
            .WithDescription("Every plugin entry point the server has seen (built-in, installed, linked), with its status, hooks and event counters.")
            .Produces<List<PluginInfo>>();
        app.MapGet("/plugins/{name}", (string name, PluginHost host) =>
            host.Describe().FirstOrDefault(p => p.Name == name) is { } plugin
                ? Results.Json(plugin)
                : throw new NotFoundException($"No plugin named '{name}' was seen at start-up; see GET /plugins"))
            .WithSummary("Show one plugin")
            .WithDescription("The plugin's status, hooks, refused hooks and event counters (delivered, failed, dropped, queued).")
            .Produces<PluginInfo>()
            .Produces(StatusCodes.Status404NotFound);
        app.MapPost("/plugins/{name}/reload", async (string name, PluginHost host, CancellationToken cancellationToken) =>
            {
                try
                {
                    return Results.Json(await host.ReloadAsync(name, cancellationToken));
                }
                catch (PluginReloadException ex) when (ex.NotFound)
                {
                    throw new NotFoundException(ex.Message);
                }
                catch (PluginReloadException ex)
                {
                    throw new ConflictException(ex.Message);
                }
            })
            .WithSummary("Reload a plugin without a restart")
            .WithDescription("Tears down every plugin of the folder that holds this plugin, unloads its load context and loads the folder as it is on disk now. Events for the plugin wait in its queue meanwhile and reach the new instance. A plugin installed or linked since the start is loaded; one whose folder is gone is removed.")
            .Produces<PluginReloadResult>()
            .Produces(StatusCodes.Status404NotFound)
            .Produces(StatusCodes.Status409Conflict);
        app.MapPost("/plugins/{name}/enable", (string name, PluginHost host, CaoHome home) => SetEnabled(name, true, host, home))
            .WithSummary("Enable a plugin at the next server start")
            .WithDescription("Writes plugins.<name>.enabled: true into settings.json, as `cao plugin enable` does; the running server is unchanged until it restarts (restart_required in the answer).")
            .Produces(StatusCodes.Status404NotFound);
        app.MapPost("/plugins/{name}/disable", (string name, PluginHost host, CaoHome home) => SetEnabled(name, false, host, home))
            .WithSummary("Disable a plugin at the next server start")
            .WithDescription("Writes plugins.<name>.enabled: false into settings.json, as `cao plugin disable` does; the running server is unchanged until it restarts (restart_required in the answer).")
            .Produces(StatusCodes.Status404NotFound);
        app.MapPost("/plugins/{name}/test", async (string name, PluginTestRequest request, PluginHost host, CancellationToken cancellationToken) =>
            {
                try
                {
                    var e = SyntheticEvents.Build(request.EventType ?? "", request.Fields ?? []);
                    return Results.Json(await host.TryAsync(name, e, cancellationToken));
                }
                catch (PluginTrialException ex) when (ex.NotFound)
                {
                    throw new NotFoundException(ex.Message);
                }
                catch (PluginTrialException ex)
                {
                    throw new InvalidRequestException(ex.Message);
                }
            })
            .WithSummary("Fire a synthetic event at one plugin")
            .WithDescription("Sends an event of `event_type`, with default field values overridden by `fields`, to this plugin only, and reports what each of its hooks did: outcome (ok, exception, timeout, skipped), duration, exception type and message; pre-hooks report their decision without acting on it. Field names per event type are in docs/hook-events.md.")
            .Accepts<PluginTestRequest>("application/json")
            .Produces<PluginTrialResult>()
            .Produces(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status404NotFound);
    }

    private static IResult SetEnabled(string name, bool enabled, PluginHost host, CaoHome home)
    {
        var plugin = host.Describe().FirstOrDefault(p => p.Name == name)
            ?? throw new NotFoundException($"No plugin named '{name}' was seen at start-up; see GET /plugins");
        try
        {
            PluginEnablement.Set(home.SettingsFile, name, enabled);
        }
        catch (InstallationException ex)
        {
            throw new ConflictException(ex.Message);
        }
        // Running now and asked to be off, or off now and asked to run: only a restart does it.
        var running = plugin.Status is PluginStatus.Loaded or PluginStatus.Faulted;
        return Results.Json(new { name, enabled, restart_required = running != enabled, settings_file = home.SettingsFile });
    }
}
