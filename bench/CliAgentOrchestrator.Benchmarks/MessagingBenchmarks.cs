using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Server;
using CliAgentOrchestrator.Core.Storage;
using CliAgentOrchestrator.Core.Tmux;
using Microsoft.AspNetCore.Builder;

namespace CliAgentOrchestrator.Benchmarks;

/// <summary>
/// Inbox delivery through a real in-process cao-server, a private tmux server and a mock_cli
/// receiver, with 0 and 3 plugins loaded: (1) latency from POST (enqueue) to the text showing in the
/// receiver's terminal log, receiver idle; (2) messages/s from the first POST to the last row delivered.
/// </summary>
internal static class MessagingBenchmarks
{
    private const int Runs = 5;
    private const int LatencyMessages = 10;
    private const int ThroughputMessages = 200;
    private const int ThroughputSenders = 4;

    public static async Task RunAsync()
    {
        Console.WriteLine("== messaging (inbox -> tmux -> mock_cli) ==");
        foreach (var plugins in new[] { 0, 3 })
        {
            await using var bench = await Server.StartAsync(plugins);
            var latencies = new List<double>();
            var rates = new List<double>();
            for (var run = 0; run < Runs; run++)
            {
                latencies.Add(await bench.LatencyAsync(run));
                rates.Add(await bench.ThroughputAsync(run));
            }
            Report($"7. POST send -> text in receiver's terminal, {plugins} plugin(s) (ms, median of {LatencyMessages} per run)", latencies, "ms");
            Report($"8. inbox throughput, {ThroughputMessages} messages from {ThroughputSenders} senders, {plugins} plugin(s) (messages/s)", rates, "msg/s");
        }
    }

    private static void Report(string what, IReadOnlyList<double> runs, string unit) =>
        Console.WriteLine($"{what}: median {Stats.Median(runs):N1} {unit} (runs: {string.Join(", ", runs.Select(r => r.ToString("N1")))})");

    private sealed class Server : IAsyncDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "cao-bench", Guid.NewGuid().ToString("N")[..12]);
        private WebApplication _app = null!;
        private TmuxClient _tmux = null!;
        private HttpClient _http = null!;
        private CaoHome _home = null!;
        private string _receiver = "";
        private long _logOffset;

        public static async Task<Server> StartAsync(int plugins)
        {
            var server = new Server();
            await server.InitAsync(plugins);
            return server;
        }

        private async Task InitAsync(int plugins)
        {
            _home = new CaoHome(_root).EnsureCreated();
            // Small real plugins, each counting the messages it sees: the cost of dispatch, not of work.
            for (var i = 0; i < plugins; i++)
            {
                PluginCompiler.Install(_home.PluginsDirectory, $"counter{i}", """
                    private static long _seen;
                    [Hook(EventTypes.PostSendMessage)]
                    public Task OnMessage(PostSendMessageEvent e) { Interlocked.Increment(ref _seen); return Task.CompletedTask; }
                    """);
            }
            var configuration = BenchServerConfiguration.For(_home.Root);
            var options = ServerOptions.From(configuration);
            _tmux = new TmuxClient(options.TmuxSocket);
            _http = new HttpClient { BaseAddress = new Uri(options.BaseUrl), Timeout = TimeSpan.FromMinutes(2) };
            _app = CaoServer.Build(configuration);
            await _app.StartAsync();
            // The built-in plugins (the /events stream) are always there; count the compiled ones.
            var loaded = (await _http.GetFromJsonAsync<JsonArray>("/plugins"))?.Count(p => p!["source"]!.GetValue<string>() != "built-in") ?? 0;
            if (loaded != plugins)
                throw new InvalidOperationException($"expected {plugins} plugins loaded, the server lists {loaded}");
            var work = Directory.CreateDirectory(Path.Combine(_root, "work")).FullName;
            using var created = await _http.PostAsync($"/sessions?agent_profile=developer&provider=mock_cli&working_directory={Uri.EscapeDataString(work)}", null);
            created.EnsureSuccessStatusCode();
            _receiver = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        }

        public async Task<double> LatencyAsync(int run)
        {
            var samples = new List<double>();
            for (var i = 0; i < LatencyMessages; i++)
            {
                await WaitReadyAsync();
                var text = $"lat-{run}-{i:D3}-{Guid.NewGuid():N}";
                _logOffset = new FileInfo(_home.TerminalLogFile(_receiver)).Length;
                var start = Stopwatch.GetTimestamp();
                await PostAsync("b0000001", text);
                await LogFile.WaitForAsync(_home.TerminalLogFile(_receiver), _logOffset, text);
                samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            return Stats.Median(samples);
        }

        public async Task<double> ThroughputAsync(int run)
        {
            await WaitReadyAsync();
            var inbox = (InboxRepository)_app.Services.GetService(typeof(InboxRepository))!;
            var before = inbox.List(_receiver, int.MaxValue, InboxStatuses.Delivered).Count;
            var start = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, ThroughputSenders).Select(s => Task.Run(async () =>
            {
                for (var i = 0; i < ThroughputMessages / ThroughputSenders; i++)
                    await PostAsync($"b00001{s:D2}", $"tp-{run}-{s}-{i:D4}");
            })));
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
            while (inbox.List(_receiver, int.MaxValue, InboxStatuses.Delivered).Count - before < ThroughputMessages)
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException("throughput run did not drain");
                await Task.Delay(5);
            }
            return ThroughputMessages / Stopwatch.GetElapsedTime(start).TotalSeconds;
        }

        private async Task PostAsync(string sender, string text)
        {
            using var response = await _http.PostAsJsonAsync($"/terminals/{_receiver}/inbox/messages", new { sender_id = sender, message = text });
            response.EnsureSuccessStatusCode();
        }

        // Each sample starts from a receiver at rest, so it measures delivery, not queueing.
        private async Task WaitReadyAsync()
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (true)
            {
                var status = (await _http.GetFromJsonAsync<JsonObject>($"/terminals/{_receiver}"))!["status"]!.GetValue<string>();
                if (status is "idle" or "completed")
                    return;
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"receiver stuck in {status}");
                await Task.Delay(20);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            await _tmux.KillServerAsync();
            _http.Dispose();
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // tmux may still hold a log open for a moment; the temp folder is harmless
            }
        }
    }
}
