using CliAgentOrchestrator.Plugins;
using Newtonsoft.Json;

[assembly: CaoPlugin("json_new", typeof(Cao.TestPlugins.JsonNewPlugin))]

namespace Cao.TestPlugins;

/// <summary>Uses Newtonsoft.Json 13.0.3, and reports which copy it actually runs.</summary>
public sealed class JsonNewPlugin : CaoPlugin
{
    [Hook(EventTypes.PostSendMessage)]
    public Task OnMessageAsync(PostSendMessageEvent e)
    {
        var version = typeof(JsonConvert).Assembly.GetName().Version;
        Probe.Record("json_new", $"newtonsoft={version} json={JsonConvert.SerializeObject(new { e.Message })}");
        return Task.CompletedTask;
    }
}
