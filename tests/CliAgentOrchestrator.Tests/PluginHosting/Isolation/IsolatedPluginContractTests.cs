using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Plugins;
using CliAgentOrchestrator.Tests.Support;
using static CliAgentOrchestrator.Tests.PluginHosting.Isolation.IsolatedPluginBed;

namespace CliAgentOrchestrator.Tests.PluginHosting.Isolation;

/// <summary>An isolated plugin keeps the contracts of an in-process one across the process boundary.</summary>
public sealed class IsolatedPluginContractTests
{
    [Fact]
    public async Task HooksArriveInOrderInTheChildWithSetupOnceTeardownOnceAndLogsUnderThePluginName()
    {
        await using var bed = new PluginTestBed();
        Install(bed);
        var host = await bed.StartAsync(Options());

        var crasher = Crasher(host);
        Assert.Equal(PluginStatus.Loaded, crasher.Status);
        Assert.Equal(PluginIsolation.Process, crasher.Isolation);
        var pid = Assert.IsType<int>(crasher.Pid);
        Assert.NotEqual(Environment.ProcessId, pid);
        Assert.True(IsRunning(pid));
        Assert.Equal(["post_send_message: CrashingPlugin.OnMessageAsync"], crasher.Hooks);
        var recorder = host.Describe().Single(p => p.Name == "recorder");
        Assert.Equal(PluginIsolation.InProcess, recorder.Isolation);
        Assert.Null(recorder.Pid);

        for (var i = 0; i < 200; i++)
            host.Publish(Message($"m{i}"));
        host.Publish(Message("state:abcd1234"));
        await Poll.UntilAsync(() => bed.Records(Crashing, "crasher").Any(l => l.StartsWith("state ", StringComparison.Ordinal)), "the state lookup answered by the server");
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"event m{i} pid={pid}"), CrasherEvents(bed));
        Assert.Equal("state null ", bed.Records(Crashing, "crasher").Single(l => l.StartsWith("state ", StringComparison.Ordinal)));
        await Poll.UntilAsync(() => Crasher(host).Delivered == 201, "201 events counted as delivered");
        // The plugin's logger lines reach the server's log under the plugin's category.
        await Poll.UntilAsync(() => bed.Logs.Logs.Any(l => l.Category == "CaoPlugin.crasher" && l.Message == "crasher saw m199"), "the child's log line in the server log");
        Assert.Contains(bed.Logs.Logs, l => l.Category == "CaoPlugin.crasher" && l.Message == $"crasher set up in process {pid}");

        await host.StopAsync();
        Assert.Equal([$"setup pid={pid}", "teardown"], bed.Records(Crashing, "crasher").Where(l => l.StartsWith("setup", StringComparison.Ordinal) || l == "teardown"));
        await Poll.UntilAsync(() => !IsRunning(pid), "the child to exit after teardown");
        Assert.Equal(PluginStatus.Stopped, Crasher(host).Status);
    }

    [Fact]
    public async Task PreHooksDenyRewriteAndFailClosedOnTimeoutAcrossTheBoundary()
    {
        await using var bed = new PluginTestBed();
        Install(bed);
        var host = await bed.StartAsync(Options());
        Assert.Equal(["pre_send_message: CrashingPlugin.ScreenAsync (order 0, fail closed)"], Crasher(host).PreHooks);

        static PreSendMessageEvent Pre(string message) => new() { Sender = "aaaa1111", Receiver = "bbbb2222", Message = message, OrchestrationType = "send_message" };
        // The pre-hook timeout is 500 ms, which a child on a loaded machine can miss (a fresh child's
        // first calls, a GC pause): a timed-out screening is asked again, and the child's own answer is
        // what is asserted.
        async Task<Core.PluginHosting.PreHooks.MessageScreening> AnsweredAsync(string message)
        {
            Core.PluginHosting.PreHooks.MessageScreening? answer = null;
            await Poll.UntilAsync(async () =>
            {
                answer = await host.PreHooks.ScreenMessageAsync(Pre(message), CancellationToken.None);
                return answer.Denial?.Code != "pre_hook_failed";
            }, $"the child's answer to '{message}' within the pre-hook timeout");
            return answer!;
        }
        var denied = await AnsweredAsync("deny");
        Assert.Equal(new Core.PluginHosting.PreHooks.Denial("crasher", "crasher denies 'deny'", "crasher_denied"), denied.Denial);
        var rewritten = await AnsweredAsync("rewrite");
        Assert.True(rewritten.Allowed);
        Assert.Equal("rewritten by crasher", rewritten.Message);
        var slow = await host.PreHooks.ScreenMessageAsync(Pre("slow"), CancellationToken.None);
        Assert.Equal("pre_hook_failed", slow.Denial?.Code); // 500 ms timeout, fail closed
        var plain = await AnsweredAsync("hello");
        Assert.True(plain.Allowed);
        Assert.Equal("hello", plain.Message);
    }

    [Fact]
    public async Task AHookThatThrowsIsCountedAsAFailureWithoutRestartingTheChild()
    {
        await using var bed = new PluginTestBed();
        Install(bed);
        var host = await bed.StartAsync(Options());
        var pid = Crasher(host).Pid;

        host.Publish(Message("throw"));
        host.Publish(Message("after"));
        await Poll.UntilAsync(() => CrasherEvents(bed).Count == 1, "the event after the throwing one");
        var crasher = Crasher(host);
        Assert.Equal(1, crasher.Failed);
        Assert.Equal(0, crasher.Restarts);
        Assert.Equal(pid, crasher.Pid);
        Assert.Contains(bed.Logs.Logs, l => l.Message.Contains("crasher threw on purpose", StringComparison.Ordinal) || l.Exception?.Message.Contains("crasher threw on purpose", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task ExitDuringSetupFailsThePluginWithTheReasonAndTheHostStillStarts()
    {
        await using var bed = new PluginTestBed();
        Install(bed, new Dictionary<string, string> { ["setup"] = "exit" });
        var host = await bed.StartAsync(Options());

        var crasher = Crasher(host);
        Assert.Equal(PluginStatus.Failed, crasher.Status);
        Assert.Contains("exited with code 42 during setup", crasher.Error);
        host.Publish(Message("still here"));
        await Poll.UntilAsync(() => RecorderMessages(bed).Contains("still here"), "the in-process plugin to keep receiving");
    }

    [Fact]
    public async Task AfterTooManyCrashesThePluginIsFaultedAndItsEventsAreDroppedAndCounted()
    {
        await using var bed = new PluginTestBed();
        Install(bed);
        var host = await bed.StartAsync(Options(maxRestarts: 1, queueCapacity: 5));

        host.Publish(Message("exit"));
        await Poll.UntilAsync(() => Crasher(host).Restarts == 1 && Crasher(host).Pid is not null, "the first restart");
        host.Publish(Message("exit"));
        await Poll.UntilAsync(() => Crasher(host).Status == PluginStatus.Faulted, "the plugin to be given up on");
        var crasher = Crasher(host);
        Assert.Contains("crashed 2 times", crasher.Error);
        Assert.Contains("exited with code 42", crasher.LastCrashReason);
        Assert.Null(crasher.Pid);

        for (var i = 0; i < 12; i++)
            host.Publish(Message($"lost{i}"));
        await Poll.UntilAsync(() => Crasher(host).Dropped == 7, "the events past the queue's bound to be dropped and counted");
        Assert.Equal(5, Crasher(host).Queued);
        await host.StopAsync(); // completes with a faulted isolated plugin
    }
}
