using System.Diagnostics;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Core.Telemetry;
using CliAgentOrchestrator.Plugins;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CliAgentOrchestrator.Benchmarks;

/// <summary>
/// What tracing costs (issue 14): per event published and per hook call, with the OpenTelemetry SDK
/// off (nothing listens, the default) and on (every span sampled and handed to a batch exporter that
/// discards, metrics collected). Medians of several runs, off measured in the same run as the reference.
/// </summary>
internal static class TracingBenchmarks
{
    private const int Runs = 5;

    public static async Task RunAsync()
    {
        Console.WriteLine("== tracing (issue 14) ==");
        var emitOff = await RepeatAsync(() => EmitCostAsync(tracing: false));
        var emitOn = await RepeatAsync(() => EmitCostAsync(tracing: true));
        Report("1. publish, caller side, inside an operation span (ns/event)", emitOff, emitOn);
        var hookOff = await RepeatAsync(() => HookCostAsync(tracing: false));
        var hookOn = await RepeatAsync(() => HookCostAsync(tracing: true));
        Report("2. publish -> no-op hook done, 1 plugin x 1 hook (ns/hook call)", hookOff, hookOn);
    }

    private static void Report(string what, IReadOnlyList<double> off, IReadOnlyList<double> on)
    {
        var (medianOff, medianOn) = (Stats.Median(off), Stats.Median(on));
        Console.WriteLine($"{what}: off {medianOff:N0} ns, on {medianOn:N0} ns, on/off {medianOn / medianOff:N2}x, added {medianOn - medianOff:N0} ns");
        Console.WriteLine($"   runs off: {string.Join(", ", off.Select(r => r.ToString("N0")))}; on: {string.Join(", ", on.Select(r => r.ToString("N0")))}");
    }

    private static async Task<IReadOnlyList<double>> RepeatAsync(Func<Task<double>> run)
    {
        var results = new List<double>();
        for (var i = 0; i < Runs; i++)
            results.Add(await run());
        return results;
    }

    // The SDK as the server attaches it, with exporters that drop what they get instead of sending it.
    private static IDisposable? Telemetry(bool tracing)
    {
        if (!tracing)
            return null;
        var traces = Sdk.CreateTracerProviderBuilder()
            .AddSource(CaoTelemetry.Name)
            .SetSampler(new AlwaysOnSampler())
            .AddProcessor(new BatchActivityExportProcessor(new DiscardExporter<Activity>()))
            .Build();
        var metrics = Sdk.CreateMeterProviderBuilder()
            .AddMeter(CaoTelemetry.Name)
            .AddReader(new PeriodicExportingMetricReader(new DiscardExporter<Metric>(), 1000))
            .Build();
        return new Both(traces, metrics);
    }

    private static async Task<double> EmitCostAsync(bool tracing)
    {
        const int count = 500_000;
        using var telemetry = Telemetry(tracing);
        await using var bench = new PluginBench();
        var key = Guid.NewGuid().ToString();
        PluginBench.SetSink(key, _ => { });
        bench.AddSinkPlugin("noop", key);
        var host = await bench.StartAsync(new PluginHostOptions { QueueCapacity = count + 20_000 });
        var e = new PostSendMessageEvent { Message = "x" };
        using var operation = CaoTelemetry.Source.StartActivity("bench.operation"); // null when off, as in the server
        for (var i = 0; i < 10_000; i++)
            host.Publish(e);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
            host.Publish(e);
        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / count;
    }

    private static async Task<double> HookCostAsync(bool tracing)
    {
        const int events = 200_000;
        using var telemetry = Telemetry(tracing);
        await using var bench = new PluginBench();
        var key = Guid.NewGuid().ToString();
        var remaining = (long)events;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        PluginBench.SetSink(key, _ =>
        {
            if (Interlocked.Decrement(ref remaining) == 0)
                done.SetResult();
        });
        bench.AddSinkPlugin("noop", key);
        var host = await bench.StartAsync(new PluginHostOptions { QueueCapacity = events });
        using var operation = CaoTelemetry.Source.StartActivity("bench.operation");
        var e = new PostSendMessageEvent { Message = "x" };
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < events; i++)
            host.Publish(e);
        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / events;
    }

    private sealed class DiscardExporter<T> : BaseExporter<T> where T : class
    {
        public override ExportResult Export(in Batch<T> batch) => ExportResult.Success;
    }

    private sealed class Both(IDisposable first, IDisposable second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
    }
}
