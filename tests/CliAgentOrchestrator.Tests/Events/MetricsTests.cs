using CliAgentOrchestrator.Core.Telemetry;
using CliAgentOrchestrator.Tests.Support;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace CliAgentOrchestrator.Tests.Events;

/// <summary>CAO's meter through the OpenTelemetry SDK's in-memory exporter, on a real in-process server with the Recorder plugin.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task EventsPluginCountersHookDurationsAndTerminalsByStatusAreMeasured()
    {
        var metrics = new List<MetricSnapshot>();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter(CaoTelemetry.Name).AddInMemoryExporter(metrics).Build();
        await using var server = await CaoTestServer.StartAsync();
        var terminal = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();
        await server.WaitForStatusAsync(terminal, "idle", "completed");
        await Poll.UntilAsync(() => server.RecordedEvents().Count >= 2, "the recorder's events", TimeSpan.FromSeconds(60));

        // A hook's duration and the delivered count are recorded just after the hook returns, a moment
        // after the recorder saw the event: read the meters until they show it.
        await Poll.UntilAsync(() =>
        {
            lock (metrics)
                metrics.Clear();
            meters.ForceFlush();
            lock (metrics)
                return Count(metrics, "cao.plugin.hook.duration", ("cao.plugin", "recorder")) >= 2
                    && Sum(metrics, "cao.plugin.events.delivered", ("cao.plugin", "recorder")) >= 2;
        }, "the recorder's hook durations and deliveries in the meters", TimeSpan.FromSeconds(60));
        lock (metrics)
        {
            Assert.True(Sum(metrics, "cao.events.emitted", ("cao.event_type", "post_create_terminal")) >= 1);
            Assert.Contains(metrics, m => m.Name == "cao.terminals");
            Assert.Contains(metrics, m => m.Name == "cao.inbox.queue_depth");
        }
    }

    private static long Sum(List<MetricSnapshot> metrics, string name, (string Key, string Value) tag) =>
        Points(metrics, name, tag).Sum(p => p.GetSumLong());

    private static long Count(List<MetricSnapshot> metrics, string name, (string Key, string Value) tag) =>
        Points(metrics, name, tag).Sum(p => p.GetHistogramCount());

    private static List<MetricPoint> Points(List<MetricSnapshot> metrics, string name, (string Key, string Value) tag)
    {
        var points = new List<MetricPoint>();
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (var point in metric.MetricPoints)
            {
                foreach (var pair in point.Tags)
                {
                    if (pair.Key == tag.Key && (pair.Value as string) == tag.Value)
                        points.Add(point);
                }
            }
        }
        return points;
    }
}
