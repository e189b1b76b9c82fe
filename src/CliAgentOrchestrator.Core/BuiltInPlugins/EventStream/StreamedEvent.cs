namespace CliAgentOrchestrator.Core.BuiltInPlugins.EventStream;

/// <summary>One event as the live stream keeps it: serialized once, numbered in publication order.</summary>
/// <param name="Sequence">1, 2, 3… since the server started; the SSE <c>id</c>, so a client can resume.</param>
/// <param name="EventType">The event's <c>event_type</c>.</param>
/// <param name="Json">Its JSON form (see <see cref="EventJson"/>).</param>
public sealed record StreamedEvent(long Sequence, string EventType, string Json);
