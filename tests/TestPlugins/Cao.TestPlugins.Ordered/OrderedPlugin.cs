using CliAgentOrchestrator.Plugins;

[assembly: CaoPlugin("ordered", typeof(Cao.TestPlugins.OrderedPlugin))]

namespace Cao.TestPlugins;

/// <summary>Records message order while its hook finishes after random, short delays.</summary>
public sealed class OrderedPlugin : CaoPlugin
{
    private readonly Random _random = new(1234);

    [Hook(EventTypes.PostSendMessage)]
    public async Task OnMessageAsync(PostSendMessageEvent e)
    {
        switch (_random.Next(20))
        {
            case 0: await Task.Delay(1); break;
            case < 10: await Task.Yield(); break;
            default: break; // completes synchronously
        }
        Probe.Record("ordered", e.Message);
    }
}
