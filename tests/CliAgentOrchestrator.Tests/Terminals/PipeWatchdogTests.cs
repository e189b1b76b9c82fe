using CliAgentOrchestrator.Core.Tmux;
using CliAgentOrchestrator.Tests.Messaging;
using CliAgentOrchestrator.Tests.Support;

namespace CliAgentOrchestrator.Tests.Terminals;

/// <summary>A terminal whose output pipe died gets it back, so its output and status do not go stale for good (issue 11).</summary>
public sealed class PipeWatchdogTests
{
    [Fact]
    public async Task ADeadOutputPipeIsRestartedAndOutputResumes()
    {
        await using var server = await CaoTestServer.StartAsync(withRecorder: false);
        var receiver = (await server.CreateMockSessionAsync())["id"]!.GetValue<string>();
        await server.WaitForStatusAsync(receiver, "idle", "completed");
        var row = server.TerminalRows().Single(r => r.Id == receiver);
        var target = new TmuxTarget(row.SessionName, row.WindowName);

        await server.Tmux.StopPipeAsync(target); // what a killed cat or a write error does to the pipe
        Assert.False(await server.Tmux.IsPipeActiveAsync(target));

        await Poll.UntilAsync(() => server.Tmux.IsPipeActiveAsync(target), "the watchdog to restart the pipe");
        await server.PostJsonAsync($"/terminals/{receiver}/input", new { message = "after-the-watchdog" });
        await Poll.UntilAsync(() => TerminalLog.Answers(server, receiver).Contains("after-the-watchdog"), "the answer in the terminal's log");
    }
}
