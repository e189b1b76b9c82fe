using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Server;

/// <summary>
/// The real server with the Crashing plugin isolated: whatever the plugin does to its process, the
/// API keeps answering, the in-process Recorder keeps receiving in order, GET /plugins tells what
/// happened, and the server stops.
/// </summary>
public sealed class IsolatedPluginServerTests
{
    private const string Crashing = "Cao.TestPlugins.Crashing";

    [Theory]
    [InlineData("exit", "exited with code 42")]
    [InlineData("failfast", "crasher called FailFast")]
    [InlineData("overflow", "Stack overflow")]
    [InlineData("thread-throw", "thrown on the plugin's own thread")]
    [InlineData("allocate", "reached its memory limit of 128 MB")]
    [InlineData("spin", "did not return within its timeout")]
    [InlineData("pool", "no heartbeat answer")]
    public async Task TheServerKeepsServingAndReportsTheRestart(string misdeed, string reason)
    {
        var settings = new Dictionary<string, string>
        {
            ["CAO_PLUGIN_CRASHER_ISOLATION"] = "process",
            ["CAO_PLUGIN_CRASHER_MEMORY_LIMIT_MB"] = "128",
            ["CAO_PLUGINS_HOOK_TIMEOUT"] = "5",
            ["CAO_PLUGINS_HEARTBEAT_INTERVAL"] = "1",
            ["CAO_PLUGINS_HEARTBEAT_TIMEOUT"] = "2",
        };
        var server = await CaoTestServer.StartAsync(settings, withRecorder: true, Crashing);
        int? secondPid;
        await using (server)
        {
            var before = await CrasherAsync(server);
            Assert.Equal("process", before["isolation"]!.GetValue<string>());
            Assert.Equal("loaded", before["status"]!.GetValue<string>());
            var firstPid = before["pid"]!.GetValue<int>();
            var receiver = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();

            // A child that has just (re)started runs cold code; on a loaded test machine its 500 ms
            // fail-closed pre-hook may refuse a first message (403, as it should). Each message is
            // therefore sent until accepted: it then reached the hooks exactly once.
            async Task SendAsync(string message) => await Poll.UntilAsync(async () =>
            {
                using var sent = await server.Http.PostAsync($"/terminals/{receiver}/input?message={message}&sender_id=aaaa1111&orchestration_type=send_message", null);
                return sent.StatusCode == HttpStatusCode.OK;
            }, $"'{message}' accepted");

            string[] messages = ["before", misdeed, "after1", "after2", "after3"];
            foreach (var message in messages[..2])
                await SendAsync(message);

            // /health answers all through the crash and the restart (its latency is for bench/, not for a test to assert).
            using var probe = new HttpClient { BaseAddress = server.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(15) };
            JsonObject after = before;
            await Poll.UntilAsync(async () =>
            {
                using var health = await probe.GetAsync("/health");
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
                after = await CrasherAsync(server);
                return after["restarts"]!.GetValue<int>() == 1 && after["pid"] is not null;
            }, "the crasher to be restarted", TimeSpan.FromSeconds(60));
            foreach (var message in messages[2..])
                await SendAsync(message);
            await Poll.UntilAsync(async () => (await CrasherAsync(server))["events_delivered"]!.GetValue<long>() == 5, "the restarted child to take the later messages");
            after = await CrasherAsync(server);

            Assert.Equal("loaded", after["status"]!.GetValue<string>());
            Assert.Contains(reason, after["last_crash_reason"]!.GetValue<string>());
            secondPid = after["pid"]!.GetValue<int>();
            Assert.NotEqual(firstPid, secondPid);
            await Poll.UntilAsync(() => server.RecordedEvents().Count(e => e["event_type"]!.GetValue<string>() == "post_send_message") == messages.Length, "the recorder to get every message");
            Assert.Equal(messages, server.RecordedEvents().Where(e => e["event_type"]!.GetValue<string>() == "post_send_message").Select(e => e["message"]!.GetValue<string>()));
        }
        // Disposing stopped the server: the child was torn down and is gone.
        Assert.False(IsRunning(secondPid!.Value));
    }

    private static async Task<JsonObject> CrasherAsync(CaoTestServer server) =>
        (await server.GetJsonAsync("/plugins")).AsArray().Select(p => p!.AsObject()).Single(p => p["name"]!.GetValue<string>() == "crasher");

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
