using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Plugins;
using CliAgentOrchestrator.Tests.Support;
using Microsoft.Extensions.Logging;

namespace CliAgentOrchestrator.Tests.PluginHosting.PreHooks;

/// <summary>The pre-hook chain over real plugins loaded from disk (Cao.TestPlugins.Gatekeeper).</summary>
public sealed class PreHookChainTests : IAsyncLifetime
{
    private const string Gatekeeper = "Cao.TestPlugins.Gatekeeper";
    private readonly PluginTestBed _bed = new();
    private PluginHost _host = null!;

    public async Task InitializeAsync()
    {
        _bed.Install(Gatekeeper);
        _host = await _bed.StartAsync();
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private ValueTask<global::CliAgentOrchestrator.Core.PluginHosting.PreHooks.MessageScreening> ScreenAsync(string message) =>
        _host.PreHooks.ScreenMessageAsync(new PreSendMessageEvent { Sender = "aaaa1111", Receiver = "bbbb2222", Message = message, OrchestrationType = "send_message" }, CancellationToken.None);

    [Fact]
    public async Task AllowedMessagePassesUnchanged()
    {
        var screening = await ScreenAsync("hello");
        Assert.True(screening.Allowed);
        Assert.Equal("hello", screening.Message);
    }

    [Fact]
    public async Task DenyCarriesThePluginReasonAndCode()
    {
        var screening = await ScreenAsync("this is forbidden");

        Assert.False(screening.Allowed);
        Assert.Equal(("denier", "message mentions 'forbidden'", "forbidden_word"), (screening.Denial!.Plugin, screening.Denial.Reason, screening.Denial.Code));
        Assert.Equal("Refused by plugin 'denier': message mentions 'forbidden' (forbidden_word)", screening.Denial.ToString());
    }

    [Fact]
    public async Task FirstDenialWinsAndStopsTheChain()
    {
        var screening = await ScreenAsync("forbidden again");

        Assert.Equal("denier", screening.Denial!.Plugin);
        Assert.Empty(_bed.Records(Gatekeeper, "late_denier")); // order 40 was never asked
    }

    [Fact]
    public async Task ReplacementIsWhatTheNextHookSeesAndWhatIsDelivered()
    {
        var rewritten = await ScreenAsync("my secret");
        var chained = await ScreenAsync("my secret, tag-me");

        Assert.Equal("my [REDACTED]", rewritten.Message);
        Assert.Equal("my [REDACTED], tag-me (checked)", chained.Message);
    }

    [Fact]
    public async Task ReplacementIsScreenedByLaterHooks()
    {
        // The redactor (order 10) runs before the denier (order 30), which then sees the rewritten text.
        var screening = await ScreenAsync("secret forbidden");
        Assert.Equal("denier", screening.Denial!.Plugin);
    }

    [Fact]
    public async Task TimeoutFailsOpenWithAWarning()
    {
        var screening = await ScreenAsync("slow-open please");

        Assert.True(screening.Allowed);
        Assert.Contains(_bed.Logs.Messages(LogLevel.Warning), m => m == "Plugin 'slow_open' pre-hook 'SlowOpenPlugin.CheckAsync' timed out after 200 ms on 'pre_send_message'; failing open (allowed)");
    }

    [Fact]
    public async Task TimeoutFailsClosedWhenThePluginSaysSo()
    {
        var screening = await ScreenAsync("slow-closed please");

        Assert.Equal(("slow_closed", "pre_hook_failed"), (screening.Denial!.Plugin, screening.Denial.Code));
        Assert.Contains("timed out after 200 ms", screening.Denial.Reason);
    }

    [Fact]
    public async Task ExceptionFailsOpenWithAWarning()
    {
        var screening = await ScreenAsync("throw-open");

        Assert.True(screening.Allowed);
        var warning = Assert.Single(_bed.Logs.Logs, l => l.Message.StartsWith("Plugin 'thrower_open' pre-hook"));
        Assert.Equal("open thrower exploded", warning.Exception!.Message);
    }

    [Fact]
    public async Task ExceptionFailsClosedWhenThePluginSaysSo()
    {
        var screening = await ScreenAsync("throw-closed");

        Assert.Equal("thrower_closed", screening.Denial!.Plugin);
    }

    [Fact]
    public async Task TerminalCreationCanBeDenied()
    {
        var denied = await _host.PreHooks.ScreenTerminalAsync(new PreCreateTerminalEvent { SessionName = "cao-x", AgentProfile = "forbidden_profile", Provider = "mock_cli" }, CancellationToken.None);
        var allowed = await _host.PreHooks.ScreenTerminalAsync(new PreCreateTerminalEvent { SessionName = "cao-x", AgentProfile = "developer", Provider = "mock_cli" }, CancellationToken.None);

        Assert.Equal(("terminal_guard", "profile forbidden_profile is not allowed in cao-x", "profile_blocked"), (denied!.Plugin, denied.Reason, denied.Code));
        Assert.Null(allowed);
    }

    [Fact]
    public void ChainRunsByOrderThenPluginName()
    {
        Assert.Equal(
            [
                "pre_send_message: slow_open SlowOpenPlugin.CheckAsync (order 1, fail open)",
                "pre_send_message: slow_closed SlowClosedPlugin.CheckAsync (order 2, fail closed)",
                "pre_send_message: thrower_open ThrowerOpenPlugin.CheckAsync (order 3, fail open)",
                "pre_send_message: thrower_closed ThrowerClosedPlugin.CheckAsync (order 4, fail closed)",
                "pre_send_message: redactor RedactorPlugin.RedactAsync (order 10, fail open)",
                "pre_send_message: suffixer SuffixerPlugin.SuffixAsync (order 20, fail open)",
                "pre_send_message: denier DenierPlugin.CheckAsync (order 30, fail open)",
                "pre_send_message: late_denier LateDenierPlugin.CheckAsync (order 40, fail open)",
            ],
            _host.PreHooks.Describe().Where(d => d.StartsWith("pre_send_message")));
    }

    [Fact]
    public async Task NoPreHooksMeansEverythingIsAllowedSynchronously()
    {
        var chain = new global::CliAgentOrchestrator.Core.PluginHosting.PreHooks.PreHookChain(_bed.Logs.CreateLogger<global::CliAgentOrchestrator.Core.PluginHosting.PreHooks.PreHookChain>());
        var pending = chain.ScreenMessageAsync(new PreSendMessageEvent { Message = "forbidden" }, CancellationToken.None);
        Assert.True(pending.IsCompletedSuccessfully);
        Assert.True((await pending).Allowed);
    }
}
