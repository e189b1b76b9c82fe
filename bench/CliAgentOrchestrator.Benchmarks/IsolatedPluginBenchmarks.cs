using System.Diagnostics;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Plugins;
using Microsoft.Extensions.Logging.Abstractions;

namespace CliAgentOrchestrator.Benchmarks;

/// <summary>
/// Issue 15: the same no-op plugin in process and isolated (a child speaking JSON-RPC over stdio).
/// Each figure is printed beside the in-process reference measured in the same run, with the ratio.
/// </summary>
internal static class IsolatedPluginBenchmarks
{
    private const int Runs = 5;

    public static async Task RunAsync()
    {
        Console.WriteLine("== isolated plugins (out of process vs in process) ==");
        var inThroughput = new List<double>();
        var outThroughput = new List<double>();
        var inLoad = new List<double>();
        var outLoad = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var (load, rate) = await ThroughputAsync(isolated: false);
            inLoad.Add(load);
            inThroughput.Add(rate);
            (load, rate) = await ThroughputAsync(isolated: true);
            outLoad.Add(load);
            outThroughput.Add(rate);
        }
        Compare("1. throughput emit->hook done, 1 plugin x 1 no-op hook (events/s)", inThroughput, outThroughput, "ev/s");
        var (inP50, inP99) = await LatencyAsync(isolated: false);
        var (outP50, outP99) = await LatencyAsync(isolated: true);
        Console.WriteLine($"2. emit->hook done latency, one event at a time: in process p50 {inP50:F1} us, p99 {inP99:F1} us; isolated p50 {outP50:F1} us, p99 {outP99:F1} us (ratio p50 {outP50 / inP50:F1}x, p99 {outP99 / inP99:F1}x)");
        Compare("3. load + set up 1 plugin (ms; isolated includes starting the child)", inLoad, outLoad, "ms");
        var (childMiB, serverMiB) = await MemoryAsync();
        Console.WriteLine($"4. resident memory of one isolated plugin's child: {childMiB:F1} MiB (reference: this benchmark process {serverMiB:F1} MiB)");
    }

    private static void Compare(string what, IReadOnlyList<double> inProcess, IReadOnlyList<double> isolated, string unit)
    {
        var a = Stats.Median(inProcess);
        var b = Stats.Median(isolated);
        Console.WriteLine($"{what}: in process median {a:N1} {unit}, isolated median {b:N1} {unit} (isolated/in-process {b / a:F2}x; runs in {string.Join(", ", inProcess.Select(r => r.ToString("N1")))}; isolated {string.Join(", ", isolated.Select(r => r.ToString("N1")))})");
    }

    private sealed class Bench : IAsyncDisposable
    {
        private readonly string _home = Path.Combine(Path.GetTempPath(), "cao-bench", Guid.NewGuid().ToString("N")[..12]);

        public PluginHost Host { get; private set; } = null!;

        public async Task<double> StartAsync(bool isolated)
        {
            var plugins = Path.Combine(_home, "plugins");
            PluginCompiler.Install(plugins, "noop", """
                [Hook(EventTypes.PostSendMessage)]
                public Task On(PostSendMessageEvent e) => Task.CompletedTask;
                """);
            var settingsFile = Path.Combine(_home, "settings.json");
            File.WriteAllText(settingsFile, isolated ? """{"plugins":{"noop":{"isolation":"process"}}}""" : "{}");
            Host = new PluginHost(new PluginHostOptions { QueueCapacity = 1_000_000 }, NullLoggerFactory.Instance,
                PluginSettings.Load(settingsFile, new Dictionary<string, string>()));
            var started = Stopwatch.GetTimestamp();
            await Host.LoadAsync(PluginDiscovery.Discover([plugins]), [], CancellationToken.None);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (Host.Describe().Single() is { Status: not PluginStatus.Loaded } failed)
                throw new InvalidOperationException($"bench plugin failed: {failed.Error}");
            return elapsed;
        }

        public long Delivered => Host.Describe().Single().Delivered;

        public async ValueTask DisposeAsync()
        {
            await Host.StopAsync();
            try
            {
                Directory.Delete(_home, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<(double LoadMs, double EventsPerSecond)> ThroughputAsync(bool isolated)
    {
        const int count = 20_000;
        await using var bench = new Bench();
        var load = await bench.StartAsync(isolated);
        var e = new PostSendMessageEvent { Message = "x" };
        for (var i = 0; i < 500; i++)
            bench.Host.Publish(e); // warm up
        while (bench.Delivered < 500)
            await Task.Delay(1);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
            bench.Host.Publish(e);
        while (bench.Delivered < 500 + count)
            await Task.Delay(1);
        return (load, count / Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    private static async Task<(double P50, double P99)> LatencyAsync(bool isolated)
    {
        const int count = 2_000;
        await using var bench = new Bench();
        await bench.StartAsync(isolated);
        var e = new PostSendMessageEvent { Message = "x" };
        var samples = new List<double>();
        for (var i = 0; i < count + 200; i++)
        {
            var before = bench.Delivered;
            var start = Stopwatch.GetTimestamp();
            bench.Host.Publish(e);
            while (bench.Delivered == before)
                Thread.SpinWait(20);
            if (i >= 200)
                samples.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }
        samples.Sort();
        return (samples[samples.Count / 2], samples[(int)(samples.Count * 0.99)]);
    }

    private static async Task<(double ChildMiB, double SelfMiB)> MemoryAsync()
    {
        await using var bench = new Bench();
        await bench.StartAsync(isolated: true);
        for (var i = 0; i < 1000; i++)
            bench.Host.Publish(new PostSendMessageEvent { Message = "x" });
        // The child reports its resident memory with each heartbeat (every 2 s).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (bench.Host.Describe().Single().WorkingSetBytes is null && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        using var self = Process.GetCurrentProcess();
        return ((bench.Host.Describe().Single().WorkingSetBytes ?? 0) / 1048576.0, self.WorkingSet64 / 1048576.0);
    }
}
