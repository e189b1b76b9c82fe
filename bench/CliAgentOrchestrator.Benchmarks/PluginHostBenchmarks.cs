using System.Diagnostics;
using System.Runtime.CompilerServices;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Plugins;

namespace CliAgentOrchestrator.Benchmarks;

/// <summary>The six plugin-host measurements of issue 2. Each prints a median over several runs.</summary>
internal static class PluginHostBenchmarks
{
    private const int Runs = 5;

    /// <param name="figures">The figures to run ("134"), or null for all.</param>
    public static async Task RunAsync(string? figures = null)
    {
        bool Chosen(char figure) => figures is null || figures.Contains(figure);
        Console.WriteLine("== plugin host ==");
        if (Chosen('1'))
        {
            var runs = new List<(double Wall, double Cpu)>();
            for (var i = 0; i < Runs; i++)
                runs.Add(await EmitCostAsync());
            Report("1. emit, caller side (ns/event, 1 plugin x 1 no-op hook)", runs.Select(r => r.Wall).ToList(), "ns");
            // The emitting thread's own CPU time: what an emit costs its caller, without the time the
            // thread was off its core while the machine's other work ran.
            Report("1. emit, caller side, the emitting thread's CPU time (ns/event)", runs.Select(r => r.Cpu).ToList(), "ns");
        }
        if (Chosen('2'))
        {
            foreach (var (plugins, hooks) in new[] { (1, 1), (10, 1), (1, 5) })
                Report($"2. throughput emit->hook done, {plugins} plugin(s) x {hooks} hook(s) (events/s)", await RepeatAsync(() => ThroughputAsync(plugins, hooks)), "ev/s");
        }
        // Two ways to pace the publisher: sleeping between events, as a server's request threads wait for
        // work (the two cores are free for the host), and spinning, which holds one of the two cores.
        if (Chosen('3'))
        {
            foreach (var pacing in Enum.GetValues<Pacing>())
            {
                var (first, latency) = await LatencyAtRateAsync(10_000, TimeSpan.FromSeconds(2), slowNeighbour: false, pacing);
                Console.WriteLine($"3. emit->hook-start latency at 10k ev/s, publisher {Describe(pacing)}: p50 {latency.P50:F1} us, p99 {latency.P99:F1} us{PythonReference.Describe(latency.P99)} | first second after load: p50 {first.P50:F1} us, p99 {first.P99:F1} us | {latency.Collections} collections, {latency.BytesPerEvent:F0} bytes allocated per event");
            }
        }
        if (Chosen('4'))
        {
            foreach (var pacing in Enum.GetValues<Pacing>())
            {
                var (first, isolated) = await LatencyAtRateAsync(1_000, TimeSpan.FromSeconds(2), slowNeighbour: true, pacing);
                Console.WriteLine($"4. fast plugin latency at 1k ev/s beside a plugin sleeping 100 ms/event, publisher {Describe(pacing)}: p50 {isolated.P50:F1} us, p99 {isolated.P99:F1} us | first second after load: p50 {first.P50:F1} us, p99 {first.P99:F1} us | {isolated.Collections} collections, {isolated.BytesPerEvent:F0} bytes allocated per event");
            }
        }
        if (Chosen('5'))
        {
            var (memoryMiB, dropped) = await MemoryWithHungPluginAsync(1_000_000);
            Console.WriteLine($"5. managed memory growth after 1,000,000 events with a hung hook: {memoryMiB:F1} MiB (dropped {dropped:N0}, queue capacity 10,000)");
        }
        if (Chosen('6'))
        {
            foreach (var count in new[] { 1, 10, 50 })
                Report($"6. discover + load + set up {count} installed plugin(s) (ms)", await RepeatAsync(() => LoadTimeAsync(count)), "ms");
        }
    }

    private enum Pacing { Sleeping, Spinning }

    private static string Describe(Pacing pacing) => pacing == Pacing.Sleeping ? "sleeping between events" : "spinning between events";

    private static void Report(string what, IReadOnlyList<double> runs, string unit) =>
        Console.WriteLine($"{what}: median {Stats.Median(runs):N1} {unit} (runs: {string.Join(", ", runs.Select(r => r.ToString("N1")))})");

    private static async Task<IReadOnlyList<double>> RepeatAsync(Func<Task<double>> run)
    {
        var results = new List<double>();
        for (var i = 0; i < Runs; i++)
            results.Add(await run());
        return results;
    }

    private static async Task<(double Wall, double Cpu)> EmitCostAsync()
    {
        const int count = 2_000_000;
        await using var bench = new PluginBench();
        var key = Guid.NewGuid().ToString();
        PluginBench.SetSink(key, _ => { });
        bench.AddSinkPlugin("noop", key);
        var host = await bench.StartAsync(new PluginHostOptions { QueueCapacity = count });
        var e = new PostSendMessageEvent { Message = "x" };
        for (var i = 0; i < 10_000; i++)
            host.Publish(e); // warm up
        var cpuStart = ThreadCpuTime.Nanoseconds();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
            host.Publish(e);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var cpu = ThreadCpuTime.Nanoseconds() - cpuStart;
        return (elapsed.TotalNanoseconds / count, (double)cpu / count);
    }

    private static async Task<double> ThroughputAsync(int plugins, int hooks)
    {
        const int events = 500_000;
        await using var bench = new PluginBench();
        var key = Guid.NewGuid().ToString();
        var remaining = (long)events * plugins * hooks;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        PluginBench.SetSink(key, _ =>
        {
            if (Interlocked.Decrement(ref remaining) == 0)
                done.SetResult();
        });
        for (var p = 0; p < plugins; p++)
            bench.AddSinkPlugin($"p{p}", key, hooks);
        var host = await bench.StartAsync(new PluginHostOptions { QueueCapacity = events });
        var e = new PostSendMessageEvent { Message = "x" };
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < events; i++)
            host.Publish(e);
        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        return events / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    // One paced stream: its first second (right after load: JIT tiering, first-call costs) is reported
    // apart from the steady state measured over the next `duration`, which is what a running server
    // sees, with the garbage collections that ran meanwhile (each one stops the reader) and what the
    // process allocated per event (the publisher, the host and the sink; the emit path and a plain delivery allocate nothing).
    private static async Task<((double P50, double P99) First, (double P50, double P99, int Collections, double BytesPerEvent) Steady)> LatencyAtRateAsync(
        int perSecond, TimeSpan duration, bool slowNeighbour, Pacing pacing)
    {
        var firstCount = perSecond;
        var count = firstCount + (int)(perSecond * duration.TotalSeconds);
        await using var bench = new PluginBench();
        var key = Guid.NewGuid().ToString();
        var emitted = new long[count];
        var started = new long[count];
        var seen = 0;
        var collectionsAtSteady = 0;
        var allocatedAtSteady = 0L;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        PluginBench.SetSink(key, e =>
        {
            started[int.Parse(((PostSendMessageEvent)e).Message)] = Stopwatch.GetTimestamp();
            if (Interlocked.Increment(ref seen) == count)
                done.SetResult();
        });
        bench.AddSinkPlugin("fast", key);
        if (slowNeighbour)
        {
            bench.AddPlugin("slow", """
                [Hook(EventTypes.PostSendMessage)]
                public Task OnSlow(PostSendMessageEvent e) => Task.Delay(100);
                """);
        }
        var host = await bench.StartAsync(new PluginHostOptions { DrainTimeout = TimeSpan.FromMilliseconds(100) });
        var events = Enumerable.Range(0, count).Select(i => new PostSendMessageEvent { Message = i.ToString() }).ToArray();
        var interval = Stopwatch.Frequency / perSecond;
        // Compiled optimized from the start: a loop this long is otherwise recompiled on the fly (on-stack
        // replacement) partway through, and that pause would be charged to the plugin host.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Emit()
        {
            if (pacing == Pacing.Sleeping)
                PreciseSleep.UseFineTimerSlack();
            var begin = Stopwatch.GetTimestamp();
            for (var i = 0; i < count; i++)
            {
                if (i == firstCount)
                {
                    collectionsAtSteady = GC.CollectionCount(0);
                    allocatedAtSteady = GC.GetTotalAllocatedBytes(precise: true);
                }
                var due = begin + i * interval;
                if (pacing == Pacing.Sleeping)
                    PreciseSleep.Until(due);
                while (Stopwatch.GetTimestamp() < due)
                    Thread.Yield();
                emitted[i] = Stopwatch.GetTimestamp();
                host.Publish(events[i]);
            }
        }
        // A dedicated thread: pacing on a pool thread would starve the pool.
        var emitter = new Thread(Emit);
        emitter.Start();
        emitter.Join();
        await done.Task.WaitAsync(TimeSpan.FromMinutes(2));
        var collections = GC.CollectionCount(0) - collectionsAtSteady;
        var bytesPerEvent = (GC.GetTotalAllocatedBytes(precise: true) - allocatedAtSteady) / (double)(count - firstCount);
        (double, double) Percentiles(int from, int to)
        {
            var latencies = Enumerable.Range(from, to - from).Select(i => Stats.TicksToMicroseconds(started[i] - emitted[i])).ToList();
            return (Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99));
        }
        var (p50, p99) = Percentiles(firstCount, count);
        return (Percentiles(0, firstCount), (p50, p99, collections, bytesPerEvent));
    }

    private static async Task<(double MiB, long Dropped)> MemoryWithHungPluginAsync(int count)
    {
        await using var bench = new PluginBench();
        bench.AddPlugin("hung", """
            [Hook(EventTypes.PostSendMessage)]
            public Task OnHung(PostSendMessageEvent e) => new TaskCompletionSource().Task;
            """);
        var host = await bench.StartAsync(new PluginHostOptions { HookTimeout = TimeSpan.FromHours(1), DrainTimeout = TimeSpan.FromMilliseconds(100) });
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < count; i++)
            host.Publish(new PostSendMessageEvent { Sender = "aaaa1111", Receiver = "bbbb2222", Message = "payload " + i });
        var after = GC.GetTotalMemory(forceFullCollection: true);
        return ((after - before) / 1024.0 / 1024.0, host.Describe()[0].Dropped);
    }

    private static async Task<double> LoadTimeAsync(int count)
    {
        await using var bench = new PluginBench();
        for (var i = 0; i < count; i++)
            bench.AddSinkPlugin($"plugin{i:D2}", "unused-sink-" + Guid.NewGuid(), hooks: 0);
        var start = Stopwatch.GetTimestamp();
        var host = await bench.StartAsync(new PluginHostOptions());
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (host.Describe().Count != count)
            throw new InvalidOperationException("not every plugin loaded");
        return elapsed;
    }
}
