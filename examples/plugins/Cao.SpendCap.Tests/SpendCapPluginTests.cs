using CliAgentOrchestrator.Plugins;

namespace Cao.SpendCap.Tests;

public sealed class SpendCapPluginTests
{
    private readonly ManualClock _clock = new();

    private async Task<SpendCapPlugin> StartAsync(params (string Key, string Value)[] settings)
    {
        var plugin = new SpendCapPlugin
        {
            Time = _clock,
            Context = new PluginContext { PluginName = "spend_cap", Settings = settings.ToDictionary(s => s.Key, s => s.Value, StringComparer.OrdinalIgnoreCase) },
        };
        await plugin.SetupAsync(CancellationToken.None);
        return plugin;
    }

    private static PreSendMessageEvent Message(string sender) => new() { Sender = sender, Receiver = "bbbb2222", Message = "hi", OrchestrationType = "send_message" };

    [Fact]
    public async Task MessagesPastTheHourlyCapAreDeniedPerSender()
    {
        var plugin = await StartAsync(("max_messages_per_hour", "2"));

        var decisions = new List<HookDecision>();
        for (var i = 0; i < 3; i++)
            decisions.Add(await plugin.CapMessagesAsync(Message("aaaa1111")));
        var other = await plugin.CapMessagesAsync(Message("cccc3333"));

        Assert.Equal([HookDecisionKind.Allow, HookDecisionKind.Allow, HookDecisionKind.Deny], decisions.Select(d => d.Kind));
        Assert.Equal(("message_cap", "aaaa1111 already sent 2 messages in the last hour"), (decisions[2].Code, decisions[2].Reason));
        Assert.Equal(HookDecisionKind.Allow, other.Kind);
    }

    [Fact]
    public async Task TheWindowSlides()
    {
        var plugin = await StartAsync(("max_messages_per_hour", "1"));
        Assert.Equal(HookDecisionKind.Allow, (await plugin.CapMessagesAsync(Message("aaaa1111"))).Kind);
        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HookDecisionKind.Deny, (await plugin.CapMessagesAsync(Message("aaaa1111"))).Kind);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HookDecisionKind.Allow, (await plugin.CapMessagesAsync(Message("aaaa1111"))).Kind);
    }

    [Fact]
    public async Task WorkersPastTheCapAreDeniedButTerminalsWithoutACallerAreNotCounted()
    {
        var plugin = await StartAsync(("max_workers_per_hour", "1"));
        var worker = new PreCreateTerminalEvent { SessionName = "cao-s", AgentProfile = "developer", Provider = "codex", CallerId = "aaaa1111" };

        Assert.Equal(HookDecisionKind.Allow, (await plugin.CapWorkersAsync(worker)).Kind);
        var denied = await plugin.CapWorkersAsync(worker);
        var launched = await plugin.CapWorkersAsync(worker with { CallerId = null });

        Assert.Equal(("worker_cap", "aaaa1111 already started 1 workers in the last hour"), (denied.Code, denied.Reason));
        Assert.Equal(HookDecisionKind.Allow, launched.Kind);
    }

    [Fact]
    public async Task DefaultsApplyWithoutSettings()
    {
        var plugin = await StartAsync();
        for (var i = 0; i < 100; i++)
            Assert.Equal(HookDecisionKind.Allow, (await plugin.CapMessagesAsync(Message("aaaa1111"))).Kind);
        Assert.Equal(HookDecisionKind.Deny, (await plugin.CapMessagesAsync(Message("aaaa1111"))).Kind);
    }

    [Fact]
    public async Task AnInvalidLimitFailsSetupNamingTheSetting()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(("max_messages_per_hour", "lots")));
        Assert.Equal("spend_cap setting 'max_messages_per_hour' must be a whole number of at least 0, not 'lots'", error.Message);
    }

    [Fact]
    public void HooksAreDeclaredAsFailClosedPreHooksThatRunFirst()
    {
        var attributes = typeof(SpendCapPlugin).GetMethods()
            .SelectMany(m => m.GetCustomAttributes(typeof(PreHookAttribute), false).Cast<PreHookAttribute>())
            .ToList();
        Assert.Equal(2, attributes.Count);
        Assert.All(attributes, a => Assert.True(a.FailClosed && a.Order == -100));
    }
}
