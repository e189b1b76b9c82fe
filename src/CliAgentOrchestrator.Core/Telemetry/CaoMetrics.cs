using System.Diagnostics.Metrics;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Core.Storage;
using CliAgentOrchestrator.Core.Terminals;

namespace CliAgentOrchestrator.Core.Telemetry;

/// <summary>
/// The metrics that are read rather than counted: per-plugin delivered/failed/dropped (the plugin
/// host already counts them), the inbox queue depth and terminals by status. Read only when an
/// exporter collects, so they cost nothing per event. Its own <see cref="Meter"/> (same name as
/// <see cref="CaoTelemetry.Meter"/>), disposed with the server, so a stopped server's callbacks go too.
/// </summary>
public sealed class CaoMetrics : IDisposable
{
    private readonly Meter _meter = new(CaoTelemetry.Name);

    public CaoMetrics(PluginHost plugins, InboxRepository inbox, TerminalService terminals)
    {
        _meter.CreateObservableCounter("cao.plugin.events.delivered", () => PerPlugin(plugins, p => p.Delivered), "{event}", "Events whose hooks ran, per plugin");
        _meter.CreateObservableCounter("cao.plugin.events.failed", () => PerPlugin(plugins, p => p.Failed), "{call}", "Hook calls that threw or timed out, per plugin");
        _meter.CreateObservableCounter("cao.plugin.events.dropped", () => PerPlugin(plugins, p => p.Dropped), "{event}", "Events dropped from a full queue or at shutdown, per plugin");
        _meter.CreateObservableGauge("cao.plugin.queue.depth", () => PerPlugin(plugins, p => p.Queued), "{event}", "Events waiting for a plugin");
        _meter.CreateObservableGauge("cao.inbox.queue_depth", () => QueueDepth(inbox), "{message}", "Inbox messages waiting to be delivered");
        _meter.CreateObservableGauge("cao.terminals", () => ByStatus(terminals), "{terminal}", "Terminals by status");
    }

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<long>> PerPlugin(PluginHost plugins, Func<PluginInfo, long> value) =>
        plugins.Describe()
            .Where(p => p.Status is PluginStatus.Loaded or PluginStatus.Faulted)
            .Select(p => new Measurement<long>(value(p), new KeyValuePair<string, object?>(CaoTelemetry.Attributes.Plugin, p.Name)));

    private static IEnumerable<Measurement<long>> QueueDepth(InboxRepository inbox)
    {
        try
        {
            return [new Measurement<long>(inbox.CountPending())];
        }
        catch (Errors.StorageUnavailableException)
        {
            return []; // no reading rather than a wrong one; /health reports the database
        }
    }

    private static IEnumerable<Measurement<long>> ByStatus(TerminalService terminals) =>
        terminals.CountByStatus().Select(pair => new Measurement<long>(pair.Value,
            new KeyValuePair<string, object?>(CaoTelemetry.Attributes.Status, Terminals.Status.StatusNames.Of(pair.Key))));
}
