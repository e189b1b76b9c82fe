using System.Reflection;
using System.Text.Json;
using CliAgentOrchestrator.Plugins;

namespace CliAgentOrchestrator.Plugins.Tests;

public sealed class HookDecisionTests
{
    [Fact]
    public void DecisionsCarryWhatTheHostNeeds()
    {
        Assert.Equal(HookDecisionKind.Allow, HookDecision.Allow.Kind);
        var deny = HookDecision.Deny("over budget", "budget");
        Assert.Equal((HookDecisionKind.Deny, "over budget", "budget", (string?)null), (deny.Kind, deny.Reason, deny.Code, deny.Message));
        var replace = HookDecision.ReplaceMessage("[REDACTED]");
        Assert.Equal((HookDecisionKind.ReplaceMessage, "[REDACTED]", (string?)null), (replace.Kind, replace.Message, replace.Reason));
    }

    [Fact]
    public void PreHookDefaultsAreOrderZeroFailOpenTwoSeconds()
    {
        var attribute = new PreHookAttribute(EventTypes.PreSendMessage);
        Assert.Equal((0, false, 2000), (attribute.Order, attribute.FailClosed, attribute.TimeoutMilliseconds));
        Assert.False(typeof(PreHookAttribute).GetCustomAttribute<AttributeUsageAttribute>()!.AllowMultiple);
    }

    [Fact]
    public void PreEventsUseSnakeCaseJson()
    {
        var json = JsonSerializer.Serialize(new PreCreateTerminalEvent { SessionName = "cao-s", AgentProfile = "developer", Provider = "codex", WorkingDirectory = "/w", CallerId = "aaaa1111" });
        Assert.Contains("\"session_name\":\"cao-s\",\"agent_profile\":\"developer\",\"provider\":\"codex\",\"working_directory\":\"/w\",\"caller_id\":\"aaaa1111\"", json);
        var denied = JsonSerializer.Serialize(new PostSendMessageDeniedEvent { DeniedBy = "spend_cap", Reason = "r", Code = "c" });
        Assert.Contains("\"denied_by\":\"spend_cap\",\"reason\":\"r\",\"code\":\"c\"", denied);
    }
}
