using CliAgentOrchestrator.Plugins;

namespace Cao.TestPlugins;

/// <summary>Order 30: refuses messages with the word in its setting <c>deny_word</c> (default "forbidden").</summary>
public sealed class DenierPlugin : CaoPlugin
{
    [PreHook(EventTypes.PreSendMessage, Order = 30)]
    public async Task<HookDecision> CheckAsync(PreSendMessageEvent e)
    {
        await Task.Yield(); // an asynchronous hook, unlike the redactor
        var word = Context.Settings.TryGetValue("deny_word", out var configured) ? configured : "forbidden";
        return e.Message.Contains(word, StringComparison.Ordinal) ? HookDecision.Deny($"message mentions '{word}'", "forbidden_word") : HookDecision.Allow;
    }
}
