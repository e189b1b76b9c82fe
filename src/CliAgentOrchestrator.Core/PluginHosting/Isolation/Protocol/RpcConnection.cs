using System.Text.Json;
using StreamJsonRpc;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;

/// <summary>The one way both sides open the wire: newline-delimited JSON-RPC 2.0 with plain System.Text.Json.</summary>
internal static class RpcConnection
{
    public static JsonRpc Open(Stream sendTo, Stream receiveFrom, object target)
    {
        var formatter = new SystemTextJsonFormatter
        {
            JsonSerializerOptions = new JsonSerializerOptions(JsonSerializerDefaults.General)
            {
                PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            },
        };
        var rpc = new ProtocolRpc(new NewLineDelimitedMessageHandler(sendTo, receiveFrom, formatter));
        rpc.AddLocalRpcTarget(target, new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true, MethodNameTransform = null });
        return rpc;
    }
}
