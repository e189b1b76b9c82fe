using CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;
using CliAgentOrchestrator.Plugins;
using StreamJsonRpc;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation;

/// <summary>An isolated plugin's <see cref="ICaoState"/>: each lookup is answered by the server over the wire.</summary>
internal sealed class RemoteState : ICaoState
{
    public JsonRpc? Rpc { get; set; }

    public async ValueTask<TerminalInfo?> GetTerminalAsync(string terminalId, CancellationToken cancellationToken = default)
    {
        var rpc = Rpc ?? throw new InvalidOperationException("the connection to the CAO server is not open");
        return await rpc.InvokeWithParameterObjectAsync<TerminalInfo?>(PluginProtocol.GetTerminal, new GetTerminalParams { TerminalId = terminalId }, cancellationToken).ConfigureAwait(false);
    }
}
