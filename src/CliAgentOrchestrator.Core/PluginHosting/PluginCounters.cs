namespace CliAgentOrchestrator.Core.PluginHosting;

/// <summary>What happened to the events sent to one plugin.</summary>
/// <param name="Delivered">Events whose hooks all ran (successfully or not).</param>
/// <param name="Failed">Hook calls that threw or timed out.</param>
/// <param name="Dropped">Events lost: dropped from a full queue, or still queued when shutdown gave up.</param>
/// <param name="Queued">Events waiting now.</param>
public sealed record PluginCounters(long Delivered, long Failed, long Dropped, long Queued);
