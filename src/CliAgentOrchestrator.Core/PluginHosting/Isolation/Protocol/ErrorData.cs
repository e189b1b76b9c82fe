using System.Text.Json;
using System.Text.Json.Nodes;
using StreamJsonRpc;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;

/// <summary>
/// Reads an error answer's <c>data</c> as one of the protocol's records. <see cref="ProtocolRpc"/> has
/// StreamJsonRpc read it as a JSON element; other shapes are accepted in case a connection is made otherwise.
/// </summary>
internal static class ErrorData
{
    public static T? As<T>(RemoteInvocationException error) where T : class
    {
        if (error.DeserializedErrorData is T known)
            return known;
        try
        {
            var json = (error.DeserializedErrorData ?? error.ErrorData) switch
            {
                JsonElement element => element,
                JsonNode node => JsonSerializer.SerializeToElement(node),
                null => default,
                var other => JsonSerializer.SerializeToElement(other, other.GetType()),
            };
            return json.ValueKind == JsonValueKind.Object ? json.Deserialize<T>() : null;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            return null; // a peer's malformed extra: the error's message still says what happened
        }
    }
}
