using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Plugins.Providers;
using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Core.Terminals;
using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Benchmarks;

/// <summary>
/// Issue 13's figures on the real in-process server with mock_cli, each beside a reference measured
/// in the same run on the same tmux server: a bare window running the CLI by hand, a raw tmux paste,
/// the cheapest HTTP route.
/// </summary>
internal static class SpeedBenchmarks
{
    private const int StartRuns = 9;
    private const int ParallelRuns = 3;
    private const int Parallel = 10;
    private const int MessageRuns = 30;
    private const int Clients = 8;
    private static readonly TimeSpan LoadLength = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan WarmUpLength = TimeSpan.FromSeconds(1);

    /// <param name="sections">Letters of the figures to measure (e.g. "cde"); all when null.</param>
    public static async Task RunAsync(string? sections = null)
    {
        bool Wanted(char section) => sections is null || sections.Contains(section);
        Console.WriteLine("== speed (issue 13) ==");
        await using var server = await CoreServerBench.StartAsync(plugins: 0);
        var bare = new BareWindows(server.Tmux, server.WorkDirectory);
        await bare.StartSessionAsync();
        var http = server.Http;
        var query = $"/sessions?agent_profile=developer&provider=mock_cli&working_directory={Uri.EscapeDataString(server.WorkDirectory)}";

        if (Wanted('a'))
            await StartUpAsync(http, query, bare);
        if (Wanted('b'))
        {
            await ParallelStartAsync(http, query, bare, "login shell reading this machine's profile");
            using (new EmptyHome())
                await ParallelStartAsync(http, query, bare, "login shell with an empty profile");
        }
        if (Wanted('c') || Wanted('d') || Wanted('e'))
            await MessagingAsync(server, bare, query, Wanted);
    }

    private static async Task StartUpAsync(HttpClient http, string query, BareWindows bare)
    {
        var cao = new List<double>();
        var byHand = new List<double>();
        for (var i = 0; i < StartRuns; i++)
        {
            byHand.Add(await bare.StartCliAsync($"hand{i}"));
            var start = Stopwatch.GetTimestamp();
            var (_, session) = await CreateAsync(http, query);
            cao.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            (await http.DeleteAsync($"/sessions/{session}")).EnsureSuccessStatusCode();
        }
        Compare("a. create -> idle, mock_cli (ms)", cao, "mock_cli started by hand in a bare tmux window, login shell", byHand, "ms");
        Console.WriteLine($"   difference of medians: {Stats.Median(cao) - Stats.Median(byHand):N0} ms (target <= 300 ms)");
    }

    private static async Task ParallelStartAsync(HttpClient http, string query, BareWindows bare, string shell)
    {
        Console.WriteLine($"   ({shell})");
        var one = new List<double>();
        var ten = new List<double>();
        var tenByHand = new List<double>();
        for (var run = 0; run < ParallelRuns; run++)
        {
            one.Add(await CreateManyAsync(http, query, 1));
            ten.Add(await CreateManyAsync(http, query, Parallel));
            var start = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, Parallel).Select(i => bare.StartCliAsync($"par{run}x{i}")));
            tenByHand.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        Compare($"b. {Parallel} sessions created at once (ms)", ten, "one session alone", one, "ms");
        Compare($"   {Parallel} bare windows started at once (ms)", tenByHand, $"{Parallel} sessions through CAO", ten, "ms");
    }

    private static async Task MessagingAsync(CoreServerBench server, BareWindows bare, string query, Func<char, bool> wanted)
    {
        var http = server.Http;
        var (receiver, receiverSession) = await CreateAsync(http, query);
        var log = server.Home.TerminalLogFile(receiver);
        var (paste, pasteTarget) = await bare.StartReceiverAsync("paste");
        var delivered = new List<double>();
        var pasted = new List<double>();
        for (var i = 0; i < MessageRuns && wanted('c'); i++)
        {
            delivered.Add(await MessageLatencyAsync(http, receiver, log, i));
            pasted.Add(await bare.PasteLatencyAsync(pasteTarget, paste, $"raw-{i}-{Guid.NewGuid():N}"));
        }
        if (wanted('c'))
            Compare("c. POST inbox message -> text in an idle mock_cli receiver (ms)", delivered, "raw tmux load-buffer + paste-buffer + send-keys, one process each", pasted, "ms");

        var completed = new List<double>();
        var monitor = server.Services<TerminalService>();
        for (var i = 0; i < MessageRuns / 2 && wanted('d'); i++)
            completed.Add(await CompletedAfterStillAsync(http, monitor, receiver, log));
        if (wanted('d'))
            Console.WriteLine($"d. status completed after the screen stops changing: median {Stats.Median(completed):N1} ms, p90 {Stats.Percentile(completed, 90):N1} ms (target <= 100 ms; the log is followed every {new Core.Terminals.Output.TerminalOutputTailOptions().PollInterval.TotalMilliseconds:N0} ms)");

        if (wanted('e'))
            await InboxLoadAsync(http, query, receiver);
        (await http.DeleteAsync($"/sessions/{receiverSession}")).EnsureSuccessStatusCode();
    }

    private static async Task InboxLoadAsync(HttpClient http, string query, string receiver)
    {
        // First, what the same POSTs cost with no delivery running anywhere: to a receiver kept busy
        // (a turn of two minutes), so its messages only queue. Deleting it fails them.
        var (busy, busySession) = await CreateAsync(http, query);
        (await http.PostAsJsonAsync($"/terminals/{busy}/input", new { message = "__mock_sleep_120" })).EnsureSuccessStatusCode();
        await WaitStatusAsync(http, busy, "processing");
        var undelivered = await LoadAsync(http, () => http.PostAsJsonAsync($"/terminals/{busy}/inbox/messages", new { sender_id = "b0000001", message = "load " + Guid.NewGuid().ToString("N") }));
        (await http.DeleteAsync($"/sessions/{busySession}")).EnsureSuccessStatusCode();

        var inbox = await LoadAsync(http, () => http.PostAsJsonAsync($"/terminals/{receiver}/inbox/messages", new { sender_id = "b0000001", message = "load " + Guid.NewGuid().ToString("N") }));
        // The references: a route that reads the same database and nothing else (GET /health also asks
        // tmux), and the HTTP pipeline alone (an unknown path: middleware, routing, a 404 body), which
        // says what the server's request handling costs on this machine at this moment.
        var read = await LoadAsync(http, () => http.GetAsync($"/terminals/{receiver}/inbox/messages?limit=1"));
        var bare = await LoadAsync(http, () => http.GetAsync("/no-such-route"), expectSuccess: false);
        Console.WriteLine($"e. inbox POST, {Clients} clients, deliveries running: {inbox.Rate:N0} req/s, p50 {inbox.P50:N1} ms, p99 {inbox.P99:N1} ms " +
                          $"| reference GET inbox (one row read): {read.Rate:N0} req/s, p99 {read.P99:N1} ms | ratio of rates {inbox.Rate / read.Rate:N2} (target >= 2,000 req/s, p99 <= 20 ms)");
        Console.WriteLine($"   reference GET of an unknown path (HTTP pipeline only): {bare.Rate:N0} req/s, p99 {bare.P99:N1} ms | ratio of rates {inbox.Rate / bare.Rate:N2}");
        Console.WriteLine($"   reference the same POSTs with no delivery running (receiver busy): {undelivered.Rate:N0} req/s, p50 {undelivered.P50:N1} ms, p99 {undelivered.P99:N1} ms | ratio of rates {inbox.Rate / undelivered.Rate:N2}");
    }

    private static async Task<(string Id, string Session)> CreateAsync(HttpClient http, string query)
    {
        using var response = await http.PostAsync(query, null);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST /sessions answered {(int)response.StatusCode}: {body}");
        var terminal = JsonNode.Parse(body)!;
        if (terminal["status"]?.GetValue<string>() != "idle")
            throw new InvalidOperationException($"POST /sessions returned a terminal that is not idle: {body}");
        return (terminal["id"]!.GetValue<string>(), terminal["session_name"]!.GetValue<string>());
    }

    private static async Task<double> CreateManyAsync(HttpClient http, string query, int count)
    {
        var start = Stopwatch.GetTimestamp();
        var created = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => CreateAsync(http, query)));
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        foreach (var (_, session) in created)
            (await http.DeleteAsync($"/sessions/{session}")).EnsureSuccessStatusCode();
        return elapsed;
    }

    private static async Task<double> MessageLatencyAsync(HttpClient http, string receiver, string log, int i)
    {
        await WaitReadyAsync(http, receiver);
        var text = $"lat-{i}-{Guid.NewGuid():N}";
        var offset = new FileInfo(log).Length;
        var start = Stopwatch.GetTimestamp();
        (await http.PostAsJsonAsync($"/terminals/{receiver}/inbox/messages", new { sender_id = "b0000001", message = text })).EnsureSuccessStatusCode();
        await LogFile.WaitForAsync(log, offset, text);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        // The answer too, before the next message: right after the text arrives the monitor may still
        // read the receiver as ready (it sees the turn start a moment later), and the next message would
        // then be typed into a receiver at work, ahead of its answer.
        await LogFile.WaitForAsync(log, offset, "> MOCK: " + text);
        return elapsed;
    }

    // From the last byte of the answer reaching the log (the screen's last change) to the monitor's
    // move to completed.
    private static async Task<double> CompletedAfterStillAsync(HttpClient http, TerminalService terminals, string receiver, string log)
    {
        await WaitReadyAsync(http, receiver);
        var completedAt = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChange(object? _, Core.Terminals.Status.TerminalStatusChangedEventArgs change)
        {
            if (change.TerminalId == receiver && change.Current == TerminalStatus.Completed)
                completedAt.TrySetResult(Stopwatch.GetTimestamp());
        }
        terminals.StatusChanged += OnChange;
        try
        {
            var length = new FileInfo(log).Length;
            var lastGrowth = Stopwatch.GetTimestamp();
            // A turn of a second: the monitor sees it processing first, so the move to completed is an event.
            (await http.PostAsJsonAsync($"/terminals/{receiver}/input", new { message = "__mock_sleep_1" })).EnsureSuccessStatusCode();
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
            while (!completedAt.Task.IsCompleted)
            {
                if (DateTime.UtcNow > deadline)
                {
                    var text = await File.ReadAllTextAsync(log);
                    throw new TimeoutException($"terminal {receiver} never moved to completed; it is {terminals.StatusOf(receiver)}, its log ends: {text[Math.Max(0, text.Length - 1500)..]}");
                }
                var now = new FileInfo(log).Length;
                if (now != length)
                {
                    length = now;
                    lastGrowth = Stopwatch.GetTimestamp();
                }
                await Task.Delay(1);
            }
            return Stats.TicksToMicroseconds(completedAt.Task.Result - lastGrowth) / 1000;
        }
        finally
        {
            terminals.StatusChanged -= OnChange;
        }
    }

    private static Task WaitReadyAsync(HttpClient http, string id) => WaitStatusAsync(http, id, "idle", "completed");

    private static async Task WaitStatusAsync(HttpClient http, string id, params string[] statuses)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (Array.IndexOf(statuses, (await http.GetFromJsonAsync<JsonObject>($"/terminals/{id}"))!["status"]!.GetValue<string>()) < 0)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"terminal {id} never became {string.Join(" or ", statuses)}");
            await Task.Delay(5);
        }
    }

    // A second of the same load first, not counted: the server's code for this route is compiled again,
    // optimized, after some calls, and that compiling (a core's worth for a moment) is not what a running
    // server spends on each request.
    private static async Task<(double Rate, double P50, double P99)> LoadAsync(HttpClient http, Func<Task<HttpResponseMessage>> request, bool expectSuccess = true)
    {
        await MeasureLoadAsync(http, request, expectSuccess, WarmUpLength);
        return await MeasureLoadAsync(http, request, expectSuccess, LoadLength);
    }

    private static async Task<(double Rate, double P50, double P99)> MeasureLoadAsync(HttpClient http, Func<Task<HttpResponseMessage>> request, bool expectSuccess, TimeSpan length)
    {
        var latencies = new List<double>[Clients];
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = [];
            while (Stopwatch.GetElapsedTime(start) < length)
            {
                var sent = Stopwatch.GetTimestamp();
                using var response = await request();
                if (expectSuccess)
                    response.EnsureSuccessStatusCode();
                mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }
        })));
        var all = latencies.SelectMany(l => l).ToList();
        return (all.Count / Stopwatch.GetElapsedTime(start).TotalSeconds, Stats.Percentile(all, 50), Stats.Percentile(all, 99));
    }

    internal static void Compare(string what, IReadOnlyList<double> runs, string referenceName, IReadOnlyList<double> reference, string unit) =>
        Console.WriteLine($"{what}: median {Stats.Median(runs):N1} {unit} | reference ({referenceName}): median {Stats.Median(reference):N1} {unit} | ratio {Stats.Median(runs) / Stats.Median(reference):N2} " +
                          $"(runs: {string.Join(", ", runs.Select(r => r.ToString("N0")))}; reference: {string.Join(", ", reference.Select(r => r.ToString("N0")))})");
}
