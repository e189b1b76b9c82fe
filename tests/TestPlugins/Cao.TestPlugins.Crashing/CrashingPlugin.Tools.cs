using CliAgentOrchestrator.Plugins;

namespace Cao.TestPlugins;

// Tools, run in the crasher's own process when it is isolated: one that says where it runs and who
// called, one that takes the process down in the middle of the call, and one that waits until cancelled.
public sealed partial class CrashingPlugin
{
    [CaoTool("whoami", Description = "The calling terminal and the process the tool runs in")]
    public string WhoAmI(CaoToolContext context) => $"{context.TerminalId ?? "nobody"} pid={Environment.ProcessId}";

    [CaoTool("exit", Description = "Ends the plugin's process during the call")]
    public string Exit()
    {
        Environment.Exit(43);
        return "unreachable";
    }

    [CaoTool("hang", Description = "Waits until the call is cancelled")]
    public async Task<string> HangAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return "unreachable";
    }
}
