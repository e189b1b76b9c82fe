using System.Text.Json;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;

/// <summary>
/// StreamJsonRpc's connection, with an error's <c>data</c> read as a plain <see cref="JsonElement"/>
/// (<see cref="RemoteInvocationException.DeserializedErrorData"/>): by default it is read as .NET's
/// own exception details, which drops the fields this protocol puts there (<see cref="ErrorData"/>).
/// </summary>
internal sealed class ProtocolRpc(IJsonRpcMessageHandler handler) : JsonRpc(handler)
{
    protected override Type? GetErrorDetailsDataType(JsonRpcError error) => typeof(JsonElement);
}
