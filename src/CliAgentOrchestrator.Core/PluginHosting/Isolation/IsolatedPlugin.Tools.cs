using System.Text.Json;
using System.Text.Json.Nodes;
using CliAgentOrchestrator.Core.PluginHosting.Isolation.Protocol;
using CliAgentOrchestrator.Core.PluginHosting.Tools;
using StreamJsonRpc;

namespace CliAgentOrchestrator.Core.PluginHosting.Isolation;

// Tool calls: the child runs the tool (its own host applies arguments, context and error texts, as
// in-process); here only what the process boundary adds. A call made while the child restarts waits
// for the new child within the tool timeout. A child that dies during a call answers a tool error
// with the reason, and the exit watcher restarts it as for hooks. A call past the tool timeout is
// cancelled over the wire ($/cancelRequest) and the child is not restarted: a tool may legitimately
// take minutes (asking a human), and restarting would cut the plugin's hooks off for the rest.
internal sealed partial class IsolatedPlugin
{
    private static readonly TimeSpan RestartPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>Calls tool <paramref name="name"/> in the child; every failure is an error result.</summary>
    public async Task<PluginToolResult> CallToolAsync(string name, JsonObject? arguments, string? terminalId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        ChildProcess? child = null;
        try
        {
            child = await RunningChildAsync(deadline.Token).ConfigureAwait(false);
            if (child is null)
                return PluginToolResult.Error($"{name} is not available: plugin '{_name}' {(Volatile.Read(ref _faulted) ? $"crashed too often and is not restarted ({LastCrashReason})" : "is stopping")}.");
            var request = new ToolCallParams
            {
                Name = name,
                Arguments = arguments is null ? null : JsonSerializer.SerializeToElement(arguments),
                TerminalId = terminalId,
            };
            var result = await child.Rpc.InvokeWithParameterObjectAsync<ToolCallResult>(PluginProtocol.ToolCall, request, deadline.Token).ConfigureAwait(false);
            return new PluginToolResult { Text = result.Text, IsError = result.IsError };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("Isolated plugin '{Plugin}' tool '{Tool}' did not answer within {Seconds}s; cancelled the call", _name, name, timeout.TotalSeconds);
            var why = child is null ? $": plugin '{_name}' was restarting ({LastCrashReason})" : "";
            return PluginToolResult.Error($"{name} did not answer within {timeout.TotalSeconds}s (CAO_PLUGINS_TOOL_TIMEOUT){why}");
        }
        catch (Exception ex) when (child is not null && ex is ConnectionLostException or ObjectDisposedException)
        {
            if (_stopping.IsCancellationRequested)
                return PluginToolResult.Error($"{name} failed: plugin '{_name}' was stopped (reload or shutdown) during the call");
            // Hold the queue now, as for a hook; the exit watcher restarts the child. Its exit code and last words say why.
            _supervision?.RequestPause();
            await Task.WhenAny(child.Exited, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None)).ConfigureAwait(false);
            var reason = child.DescribeExit(MemoryLimitMb);
            _logger.LogWarning("Isolated plugin '{Plugin}' lost its plugin host (pid {Pid}) during tool '{Tool}': {Reason}", _name, child.Pid, name, reason);
            return PluginToolResult.Error($"{name} failed: plugin '{_name}' crashed during the call ({reason}); CAO restarts it, the call can be tried again");
        }
        catch (RemoteInvocationException ex)
        {
            return PluginToolResult.Error($"{name} failed: {ex.Message}");
        }
    }

    // The child to call: the running one, else (while it restarts) the next one; null when none will come.
    private async Task<ChildProcess?> RunningChildAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_stopping.IsCancellationRequested || Volatile.Read(ref _faulted))
                return null;
            if (_child is { HasExited: false, KillReason: null } child)
                return child;
            await Task.Delay(RestartPoll, cancellationToken).ConfigureAwait(false);
        }
    }
}
