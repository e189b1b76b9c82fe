using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace CliAgentOrchestrator.Benchmarks;

/// <summary>The orchestrator-core measurements: terminal start-up and status-read throughput on the real server.</summary>
internal static class CoreBenchmarks
{
    private const int StartRuns = 7;
    private const int ThroughputRuns = 5;
    private const int Plugins = 3;
    private const int Clients = 8;
    private static readonly TimeSpan RunLength = TimeSpan.FromSeconds(5);

    public static async Task RunAsync()
    {
        Console.WriteLine("== orchestrator core ==");
        await using var server = await CoreServerBench.StartAsync(Plugins);
        var loaded = JsonNode.Parse(await server.Http.GetStringAsync("/plugins"))!.AsArray()
            .Count(p => p!["status"]!.GetValue<string>() == "loaded" && p["hooks"]!.AsArray().Count == 5);
        if (loaded != Plugins)
            throw new InvalidOperationException($"expected {Plugins} plugins hooking all five events, {loaded} loaded");
        var query = $"/sessions?agent_profile=developer&provider=mock_cli&working_directory={Uri.EscapeDataString(server.WorkDirectory)}";

        var startTimes = new List<double>();
        for (var i = 0; i < StartRuns; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var (id, session) = await CreateAsync(server.Http, query);
            await WaitIdleAsync(server.Http, id);
            startTimes.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            (await server.Http.DeleteAsync($"/sessions/{session}")).EnsureSuccessStatusCode();
        }
        Report($"a. POST /sessions (mock_cli) -> terminal idle, {Plugins} plugins loaded (ms)", startTimes, "ms");

        var (terminal, _) = await CreateAsync(server.Http, query);
        await WaitIdleAsync(server.Http, terminal);
        await RequestsPerSecondAsync(server.Http, terminal, TimeSpan.FromSeconds(1)); // warm up
        var rates = new List<double>();
        for (var i = 0; i < ThroughputRuns; i++)
            rates.Add(await RequestsPerSecondAsync(server.Http, terminal, RunLength));
        Report($"b. GET /terminals/{{id}}, {Clients} concurrent clients, {Plugins} plugins loaded (requests/s)", rates, "req/s");
    }

    private static async Task<(string Id, string Session)> CreateAsync(HttpClient http, string query)
    {
        using var response = await http.PostAsync(query, null);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"POST /sessions answered {(int)response.StatusCode}: {body}");
        var terminal = JsonNode.Parse(body)!;
        return (terminal["id"]!.GetValue<string>(), terminal["session_name"]!.GetValue<string>());
    }

    // POST /sessions returns after the CLI is ready; polling still measures what a client would see.
    private static async Task WaitIdleAsync(HttpClient http, string id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (JsonNode.Parse(await http.GetStringAsync($"/terminals/{id}"))!["status"]!.GetValue<string>() != "idle")
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"terminal {id} never became idle");
            await Task.Delay(10);
        }
    }

    private static async Task<double> RequestsPerSecondAsync(HttpClient http, string id, TimeSpan length)
    {
        long requests = 0;
        var start = Stopwatch.GetTimestamp();
        var clients = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetElapsedTime(start) < length)
            {
                using var response = await http.GetAsync($"/terminals/{id}");
                response.EnsureSuccessStatusCode();
                await response.Content.LoadIntoBufferAsync();
                Interlocked.Increment(ref requests);
            }
        }));
        await Task.WhenAll(clients);
        return requests / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static void Report(string what, IReadOnlyList<double> runs, string unit) =>
        Console.WriteLine($"{what}: median {Stats.Median(runs):N1} {unit} (runs: {string.Join(", ", runs.Select(r => r.ToString("N1")))})");
}
