using System.Text.Json;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Plugins;

namespace CliAgentOrchestrator.Core.BuiltInPlugins;

/// <summary>An event's JSON form as the SDK defines it: snake_case names, <c>event_type</c>, every field of its runtime type.</summary>
public static class EventJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Events whose <c>message</c> field holds what one agent wrote to another.</summary>
    public static bool CarriesMessage(CaoEvent e) =>
        e is PostSendMessageEvent or PostSendMessageDeniedEvent or PostQueueMessageEvent or PostFailMessageEvent;

    public static string Serialize(CaoEvent e) => JsonSerializer.Serialize(e, e.GetType(), Options);

    /// <summary>
    /// The JSON form, with the <c>message</c> field left out unless <paramref name="includeMessage"/>:
    /// what agents write to each other can hold code and secrets, so it leaves the process only when
    /// the operator said so.
    /// </summary>
    public static string Serialize(CaoEvent e, bool includeMessage)
    {
        if (includeMessage || !CarriesMessage(e))
            return Serialize(e);
        var node = JsonSerializer.SerializeToNode(e, e.GetType(), Options)!.AsObject();
        node.Remove("message");
        return node.ToJsonString(Options);
    }

    /// <summary>True for <c>true</c>/<c>1</c>/<c>yes</c>, the way settings are written by hand.</summary>
    public static bool IsTrue(IReadOnlyDictionary<string, string> settings, string key) =>
        settings.TryGetValue(key, out var value) && value.Trim().ToLowerInvariant() is "true" or "1" or "yes";
}
