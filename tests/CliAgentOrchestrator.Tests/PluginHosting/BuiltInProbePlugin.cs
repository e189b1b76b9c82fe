using System.Collections.Concurrent;
using CliAgentOrchestrator.Plugins;

namespace CliAgentOrchestrator.Tests.PluginHosting;

/// <summary>A plugin compiled into the test assembly, registered as a built-in.</summary>
public sealed class BuiltInProbePlugin : CaoPlugin
{
    public static ConcurrentBag<string> Seen { get; } = [];

    [Hook(EventTypes.PostCreateTerminal)]
    public Task OnTerminalAsync(PostCreateTerminalEvent e)
    {
        Seen.Add(e.TerminalId);
        return Task.CompletedTask;
    }
}
