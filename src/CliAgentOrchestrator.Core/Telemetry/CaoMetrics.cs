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

    // The services are looked up when an exporter collects, not at construction: creating this must
    // not open the database (a corrupt one is reported by the server's start, in one line).
    public CaoMetrics(IServiceProvider services)
    {
        var plugins = new Lazy<PluginHost>(() => (PluginHost)services.GetService(typeof(PluginHost))!);
        var inbox = new Lazy<InboxRepository>(() => (InboxRepository)services.GetService(typeof(InboxRepository))!);
        var terminals = new Lazy<TerminalService>(() => (TerminalService)services.GetService(typeof(TerminalService))!);
        _meter.CreateObservableCounter("cao.plugin.events.delivered", () => PerPlugin(plugins.Value, p => p.Delivered), "{event}", "Events whose hooks ran, per plugin");
        _meter.CreateObservableCounter("cao.plugin.events.failed", () => PerPlugin(plugins.Value, p => p.Failed), "{call}", "Hook calls that threw or timed out, per plugin");
        _meter.CreateObservableCounter("cao.plugin.events.dropped", () => PerPlugin(plugins.Value, p => p.Dropped), "{event}", "Events dropped from a full queue or at shutdown, per plugin");
        _meter.CreateObservableGauge("cao.plugin.queue.depth", () => PerPlugin(plugins.Value, p => p.Queued), "{event}", "Events waiting for a plugin");
        _meter.CreateObservableGauge("cao.inbox.queue_depth", () => QueueDepth(inbox), "{message}", "Inbox messages waiting to be delivered");
        _meter.CreateObservableGauge("cao.terminals", () => ByStatus(terminals.Value), "{terminal}", "Terminals by status");
    }

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<long>> PerPlugin(PluginHost plugins, Func<PluginInfo, long> value) =>
        plugins.Describe()
            .Where(p => p.Status is PluginStatus.Loaded or PluginStatus.Faulted)
            .Select(p => new Measurement<long>(value(p), new KeyValuePair<string, object?>(CaoTelemetry.Attributes.Plugin, p.Name)));

    private static IEnumerable<Measurement<long>> QueueDepth(Lazy<InboxRepository> inbox)
    {
        try
        {
            return [new Measurement<long>(inbox.Value.CountPending())];
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
