using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Tests.Support;
using static CliAgentOrchestrator.Tests.PluginHosting.Isolation.IsolatedPluginBed;

namespace CliAgentOrchestrator.Tests.PluginHosting.Isolation;

/// <summary>Whatever an isolated plugin does to its process, the host and the other plugins go on and the plugin comes back.</summary>
public sealed class IsolatedPluginCrashTests
{
    [Theory]
    [InlineData("exit", "exited with code 42")]
    [InlineData("failfast", "crasher called FailFast")]
    [InlineData("overflow", "Stack overflow")]
    [InlineData("thread-throw", "thrown on the plugin's own thread")]
    [InlineData("allocate", "reached its memory limit of 128 MB")]
    [InlineData("spin", "did not return within its timeout")]
    [InlineData("pool", "no heartbeat answer")]
    public async Task TheChildIsRestartedWithTheReasonAndNoEventIsLostForAnyone(string misdeed, string reason)
    {
        await using var bed = new PluginTestBed();
        Install(bed, new Dictionary<string, string> { ["memory_limit_mb"] = "128" });
        var host = await bed.StartAsync(Options());
        var firstPid = Crasher(host).Pid!.Value;

        host.Publish(Message("before"));
        host.Publish(Message(misdeed));
        var after = Enumerable.Range(0, 20).Select(i => $"after{i}").ToList();
        foreach (var message in after)
            host.Publish(Message(message));

        // The in-process plugin got everything, in order, whatever happened next door.
        await Poll.UntilAsync(() => RecorderMessages(bed).Count == 22, "the recorder to receive all 22 events");
        Assert.Equal(["before", misdeed, .. after], RecorderMessages(bed));

        await Poll.UntilAsync(() => CrasherEvents(bed).Count == 21, "the restarted child to receive the events queued meanwhile", TimeSpan.FromSeconds(60));
        var crasher = Crasher(host);
        Assert.Equal(PluginStatus.Loaded, crasher.Status);
        Assert.Equal(1, crasher.Restarts);
        Assert.Contains(reason, crasher.LastCrashReason);
        var secondPid = crasher.Pid!.Value;
        Assert.NotEqual(firstPid, secondPid);
        Assert.False(IsRunning(firstPid));
        Assert.Equal([$"event before pid={firstPid}", .. after.Select(m => $"event {m} pid={secondPid}")], CrasherEvents(bed));
        Assert.Equal(1, crasher.Failed); // the event that took the child down
        Assert.Equal(0, crasher.Dropped);

        await host.StopAsync();
        await Poll.UntilAsync(() => !IsRunning(secondPid), "the restarted child to exit at shutdown");
    }
}
