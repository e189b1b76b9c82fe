using System.Diagnostics;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Plugins;

namespace CliAgentOrchestrator.Benchmarks;

/// <summary>Latency the pre_send_message chain adds to each send, with 0, 1 and 5 allowing pre-hooks.</summary>
internal static class PreHookBenchmarks
{
    private const int Runs = 5;
    private const int Sends = 200_000;

    public static async Task RunAsync()
    {
        Console.WriteLine("== pre-hooks (added latency per send) ==");
        foreach (var hooks in new[] { 0, 1, 5 })
        {
            foreach (var asynchronous in new[] { false, true })
            {
                if (hooks == 0 && asynchronous)
                    continue;
                var runs = new List<double>();
                for (var i = 0; i < Runs; i++)
                    runs.Add(await MeasureAsync(hooks, asynchronous));
                var kind = hooks == 0 ? "" : asynchronous ? " (each awaits Task.Yield)" : " (each completes synchronously)";
                Console.WriteLine($"{hooks} allowing pre-hook(s){kind}: median {Stats.Median(runs):N0} ns/send (runs: {string.Join(", ", runs.Select(r => r.ToString("N0")))})");
            }
        }
    }

    private static async Task<double> MeasureAsync(int hooks, bool asynchronous)
    {
        await using var bench = new PluginBench();
        for (var p = 0; p < hooks; p++)
        {
            bench.AddPlugin($"allow{p}", asynchronous
                ? $$"""
                    [PreHook(EventTypes.PreSendMessage, Order = {{p}})]
                    public async Task<HookDecision> Check(PreSendMessageEvent e) { await Task.Yield(); return HookDecision.Allow; }
                    """
                : $$"""
                    [PreHook(EventTypes.PreSendMessage, Order = {{p}})]
                    public ValueTask<HookDecision> Check(PreSendMessageEvent e) => ValueTask.FromResult(HookDecision.Allow);
                    """);
        }
        var host = await bench.StartAsync(new PluginHostOptions());
        var e = new PreSendMessageEvent { Sender = "aaaa1111", Receiver = "bbbb2222", Message = "hello", OrchestrationType = "send_message" };
        var count = asynchronous ? Sends / 10 : Sends;
        for (var i = 0; i < 1000; i++)
            await host.PreHooks.ScreenMessageAsync(e, CancellationToken.None);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
            await host.PreHooks.ScreenMessageAsync(e, CancellationToken.None);
        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / count;
    }
}
