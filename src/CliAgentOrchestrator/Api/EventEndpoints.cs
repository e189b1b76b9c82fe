using System.Globalization;
using System.Text;
using CliAgentOrchestrator.Core.BuiltInPlugins.EventStream;
using CliAgentOrchestrator.Core.Errors;
using CliAgentOrchestrator.Core.PluginHosting;
using Microsoft.Extensions.Primitives;

namespace CliAgentOrchestrator.Api;

/// <summary>
/// <c>GET /events</c>: the live event stream as Server-Sent Events (<c>id</c> a sequence number,
/// <c>event</c> the event type, <c>data</c> the event's JSON as the SDK writes it; a comment line as
/// heartbeat; <c>Last-Event-ID</c> resumes from history). <c>GET /events/history?limit=</c>: the latest
/// events, oldest first. Both take <c>?type=</c> (repeated or comma-separated).
/// </summary>
public static class EventEndpoints
{
    public const int DefaultHistoryLimit = 100;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/events", StreamAsync)
            .WithSummary("Stream events live (Server-Sent Events)")
            .WithDescription("Each event as it is published: id a sequence number, event the event type, data the event's JSON as the SDK writes it (snake_case, event_type); a ': heartbeat' comment when idle; Last-Event-ID resumes from the history. ?type= (repeated or comma-separated) filters by event type. 409 when the built-in events plugin is disabled.");
        app.MapGet("/events/history", History)
            .WithSummary("List the latest events")
            .WithDescription("The latest events from the bounded ring buffer, oldest first, as a JSON array of the events' SDK JSON. ?type= (repeated or comma-separated) filters by event type.");
    }

    private static IResult History(HttpContext context, EventStreamHub hub,
        [System.ComponentModel.Description("How many events, at most plugins.events.history_size; default 100")] int? limit)
    {
        RequireRunning(hub);
        var max = hub.Settings.HistorySize;
        var count = limit ?? Math.Min(DefaultHistoryLimit, max);
        if (count < 1 || count > max)
            throw new InvalidParameterException($"limit must be between 1 and {max} (plugins.events.history_size)");
        var events = hub.History(count, Types(context.Request.Query["type"]));
        var json = new StringBuilder("[");
        for (var i = 0; i < events.Count; i++)
            json.Append(i == 0 ? "" : ",").Append(events[i].Json);
        return Results.Text(json.Append(']').ToString(), "application/json", Encoding.UTF8);
    }

    private static async Task StreamAsync(HttpContext context, EventStreamHub hub, IHostApplicationLifetime lifetime)
    {
        RequireRunning(hub);
        var types = Types(context.Request.Query["type"]);
        var resumeAfter = long.TryParse(context.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last : 0;
        using var client = hub.Subscribe(types, resumeAfter);

        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // a proxy in front must not hold events back
        // Ends with the client, or when the server stops (else shutdown would wait for every open stream).
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var token = ended.Token;
        try
        {
            await WriteAsync(response, ": connected to cao-server events\n\n", token);
            while (!token.IsCancellationRequested)
            {
                var next = await client.NextAsync(hub.Settings.Heartbeat, token);
                if (client.TakeDropped() is > 0 and var dropped)
                    await WriteAsync(response, $": dropped {dropped} events: this client read too slowly\n\n", token);
                if (next is null)
                {
                    if (client.Completed)
                        return;
                    await WriteAsync(response, ": heartbeat\n\n", token);
                    continue;
                }
                await WriteAsync(response, $"id: {next.Sequence}\nevent: {next.EventType}\ndata: {next.Json}\n\n", token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static void RequireRunning(EventStreamHub hub)
    {
        if (!hub.Running)
            throw new ConflictException("The event stream is off: the built-in 'events' plugin is disabled (plugins.events.enabled in settings.json) or failed to start; see GET /plugins/events");
    }

    /// <summary>The event types asked for with <c>?type=</c>; null for all. An unknown type is a 400 that lists the known ones.</summary>
    internal static IReadOnlySet<string>? Types(StringValues values)
    {
        var names = values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal);
        if (names.Count == 0)
            return null;
        if (names.FirstOrDefault(n => !KnownEvents.ByType.ContainsKey(n)) is { } unknown)
            throw new InvalidRequestException($"Unknown event type '{unknown}': use any of {string.Join(", ", KnownEvents.ByType.Keys.Order())}");
        return names;
    }
}
