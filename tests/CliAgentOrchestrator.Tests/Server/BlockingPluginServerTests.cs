using System.Net;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Server;

/// <summary>Plugin code that blocks threads must not take the HTTP API down with it.</summary>
public sealed class BlockingPluginServerTests
{
    private const string Misbehaving = "Cao.TestPlugins.Misbehaving";
    private const int BlockedRequests = 200;

    [Fact]
    public async Task HealthAnswersWhileTwoHundredPreHooksBlockTheirThreads()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false, Misbehaving);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        AppDomain.CurrentDomain.SetData($"{Path.Combine(server.Home.PluginsDirectory, Misbehaving)}|release", release);
        var receiver = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();
        var records = Path.Combine(server.Home.PluginsDirectory, Misbehaving, "records.log");
        int Stalled() => File.Exists(records) ? File.ReadLines(records).Count(l => l.StartsWith("stalling|stall_started", StringComparison.Ordinal)) : 0;
        try
        {
            var pending = Enumerable.Range(0, BlockedRequests)
                .Select(i => server.Http.PostAsync($"/terminals/{receiver}/input?message=stall-{i}&sender_id=aaaa1111&orchestration_type=send_message", null))
                .ToList();
            // With plugin code on thread-pool threads, 200 blocked hooks starve the pool: the pool
            // injects about one thread a second, so the later requests reach their hook only after minutes.
            try
            {
                await Poll.UntilAsync(() => Stalled() == BlockedRequests, $"{BlockedRequests} pre-hooks blocking at once", TimeSpan.FromMinutes(2));
            }
            catch (TimeoutException)
            {
                var done = pending.Where(p => p.IsCompleted).Select(p => p.IsCompletedSuccessfully ? ((int)p.Result.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : p.Exception?.InnerException?.GetType().Name).ToList();
                throw new TimeoutException($"{Stalled()} of {BlockedRequests} pre-hooks blocking; {done.Count} requests answered: {string.Join(",", done.Distinct())}");
            }

            using var probe = new HttpClient { BaseAddress = server.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(15) };
            for (var i = 0; i < 20; i++)
            {
                using var health = await probe.GetAsync("/health");
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            }
            Assert.Equal(BlockedRequests, Stalled());
            // The server runs in this process: had the hooks blocked pool threads, the pool would
            // have had to grow past one thread per blocked hook (which takes it minutes).
            Assert.True(ThreadPool.ThreadCount < BlockedRequests, $"{ThreadPool.ThreadCount} thread-pool threads while {BlockedRequests} hooks block");
            Assert.All(pending, p => Assert.False(p.IsCompleted)); // the hooks were still blocking throughout

            release.SetResult();
            var answers = await Task.WhenAll(pending);
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.Forbidden, a.StatusCode));
            foreach (var answer in answers)
                answer.Dispose();
        }
        finally
        {
            release.TrySetResult();
        }
    }
}
