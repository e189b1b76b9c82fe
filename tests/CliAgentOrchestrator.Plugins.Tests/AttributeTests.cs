using System.Reflection;
using CliAgentOrchestrator.Plugins;

namespace CliAgentOrchestrator.Plugins.Tests;

public sealed class AttributeTests
{
    [Fact]
    public void HookMayBeRepeatedOnAMethod()
    {
        var usage = typeof(HookAttribute).GetCustomAttribute<AttributeUsageAttribute>()!;
        Assert.True(usage.AllowMultiple);
        Assert.Equal(AttributeTargets.Method, usage.ValidOn);
        Assert.Equal("post_kill_session", new HookAttribute(EventTypes.PostKillSession).EventType);
    }

    [Fact]
    public void AnAssemblyMayDeclareSeveralEntryPoints()
    {
        var usage = typeof(CaoPluginAttribute).GetCustomAttribute<AttributeUsageAttribute>()!;
        Assert.True(usage.AllowMultiple);
        Assert.Equal(AttributeTargets.Assembly, usage.ValidOn);
        var entry = new CaoPluginAttribute("discord", typeof(string));
        Assert.Equal(("discord", typeof(string)), (entry.Name, entry.PluginType));
    }

    [Fact]
    public async Task SetupAndTeardownAreNoOpsByDefault()
    {
        var plugin = new EmptyPlugin();
        await plugin.SetupAsync(CancellationToken.None);
        await plugin.TeardownAsync(CancellationToken.None);
        Assert.True(plugin.SetupAsync(CancellationToken.None).IsCompletedSuccessfully);
    }

    private sealed class EmptyPlugin : CaoPlugin;
}
