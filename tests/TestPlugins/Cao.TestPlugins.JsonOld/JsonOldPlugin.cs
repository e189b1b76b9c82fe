using CliAgentOrchestrator.Plugins;
using Newtonsoft.Json;

[assembly: CaoPlugin("json_old", typeof(Cao.TestPlugins.JsonOldPlugin))]

namespace Cao.TestPlugins;

/// <summary>Uses Newtonsoft.Json 12.0.3, and reports which copy it actually runs.</summary>
public sealed class JsonOldPlugin : CaoPlugin
{
    [Hook(EventTypes.PostSendMessage)]
    public Task OnMessageAsync(PostSendMessageEvent e)
    {
        var version = typeof(JsonConvert).Assembly.GetName().Version;
        Probe.Record("json_old", $"newtonsoft={version} json={JsonConvert.SerializeObject(new { e.Message })}");
        return Task.CompletedTask;
    }
}
