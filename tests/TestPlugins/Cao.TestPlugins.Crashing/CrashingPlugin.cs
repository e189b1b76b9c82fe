using System.Runtime.CompilerServices;
using CliAgentOrchestrator.Plugins;
using Microsoft.Extensions.Logging;

[assembly: CaoPlugin("crasher", typeof(Cao.TestPlugins.CrashingPlugin))]

namespace Cao.TestPlugins;

/// <summary>
/// Meant to run isolated: each message names a way to take its process down (Environment.Exit,
/// FailFast, stack overflow, an exception on its own thread, unbounded allocation, a spinning hook,
/// a starved thread pool); every other message is recorded. The setting <c>setup</c> = <c>exit</c>
/// ends the process during setup. Pre-hooks deny "deny", rewrite "rewrite" and stall on "slow".
/// Its tools are in CrashingPlugin.Tools.cs.
/// </summary>
public sealed partial class CrashingPlugin : CaoPlugin
{
    private static readonly List<byte[]> Hoard = [];

    public override Task SetupAsync(CancellationToken cancellationToken)
    {
        Probe.Record("crasher", $"setup pid={Environment.ProcessId}");
        Context.Logger.LogInformation("crasher set up in process {Pid}", Environment.ProcessId);
        if (Context.Settings.TryGetValue("setup", out var setup) && setup == "exit")
            Environment.Exit(42);
        return Task.CompletedTask;
    }

    public override Task TeardownAsync(CancellationToken cancellationToken)
    {
        Probe.Record("crasher", "teardown");
        return Task.CompletedTask;
    }

    [Hook(EventTypes.PostSendMessage)]
    public async Task OnMessageAsync(PostSendMessageEvent e, CancellationToken cancellationToken)
    {
        switch (e.Message)
        {
            case "exit":
                Environment.Exit(42);
                break;
            case "failfast":
                Environment.FailFast("crasher called FailFast");
                break;
            case "overflow":
                Recurse(0);
                break;
            case "thread-throw":
                new Thread(() => throw new InvalidOperationException("thrown on the plugin's own thread")).Start();
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
            case "allocate":
                while (true)
                {
                    // Large chunks reach the cap in a few allocations, long before the hook's timeout.
                    Hoard.Add(new byte[16 * 1024 * 1024]);
                }
            case "spin":
                while (true)
                    Thread.SpinWait(1000);
            case "pool":
                for (var i = 0; i < 500; i++)
                    ThreadPool.UnsafeQueueUserWorkItem(_ => Thread.Sleep(Timeout.Infinite), null);
                Thread.Sleep(Timeout.Infinite);
                break;
            case "throw":
                throw new InvalidOperationException("crasher threw on purpose");
            default:
                if (e.Message.StartsWith("state:", StringComparison.Ordinal))
                {
                    var terminal = await Context.State.GetTerminalAsync(e.Message["state:".Length..], cancellationToken);
                    Probe.Record("crasher", $"state {terminal?.Id ?? "null"} {terminal?.Provider ?? ""}");
                    break;
                }
                Context.Logger.LogInformation("crasher saw {Message}", e.Message);
                Probe.Record("crasher", $"event {e.Message} pid={Environment.ProcessId}");
                break;
        }
    }

    [PreHook(EventTypes.PreSendMessage, TimeoutMilliseconds = 500, FailClosed = true)]
    public async Task<HookDecision> ScreenAsync(PreSendMessageEvent e, CancellationToken cancellationToken)
    {
        switch (e.Message)
        {
            case "deny":
                return HookDecision.Deny("crasher denies 'deny'", "crasher_denied");
            case "rewrite":
                return HookDecision.ReplaceMessage("rewritten by crasher");
            case "slow":
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return HookDecision.Allow;
            default:
                return HookDecision.Allow;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Recurse(int depth) => Recurse(depth + 1) + 1;
}
