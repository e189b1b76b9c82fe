using System.Diagnostics;
using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Core.Storage;
using CliAgentOrchestrator.Core.Terminals.Output;
using CliAgentOrchestrator.Core.Terminals.Status;
using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Core.Terminals;

/// <summary>The live parts of one terminal: its provider, its output tail and its status monitor.</summary>
internal sealed class TerminalRuntime(TerminalRecord record, IProvider provider, TerminalOutputTail tail, StatusMonitor monitor, IDisposable following) : IDisposable
{
    public TerminalRecord Record { get; } = record;
    public IProvider Provider { get; } = provider;
    public TerminalOutputTail Tail { get; } = tail;
    public StatusMonitor Monitor { get; } = monitor;
    public TmuxTarget Target { get; } = new(record.SessionName, record.WindowName);

    // One input at a time per terminal: two pastes interleaving would garble both.
    public SemaphoreSlim InputGate { get; } = new(1, 1);

    /// <summary>Completed when the CLI has listed the tools of CAO's MCP server (reported by <c>cao mcp-server</c>).</summary>
    public TaskCompletionSource CaoMcpConnected { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Set once the provider's init finished (or at re-attach of a finished one). Before that the
    // pane is at its shell on purpose, so the liveness check must not call it an exited CLI.
    private volatile bool _cliStarted;

    /// <summary>
    /// The span of the last operation that drove this terminal (its creation, its last input), when
    /// tracing is on: the status changes it causes carry it as their traceparent.
    /// </summary>
    public ActivityContext LastOperation { get; set; }

    // What post_terminal_status_change last told plugins, under AnnounceGate so changes go out in order.
    public Lock AnnounceGate { get; } = new();
    public bool Announcing { get; set; }
    public TerminalStatus AnnouncedStatus { get; set; } = TerminalStatus.Unknown;

    /// <summary>The PID of the shell tmux started in the window (<c>#{pane_pid}</c>): printed by the call that opened the window, or, for a window that outlived a restart, once tmux has been asked; read and set under <see cref="InputGate"/>.</summary>
    public int? PanePid { get; set; }

    public bool CliStarted
    {
        get => _cliStarted;
        set => _cliStarted = value;
    }

    public void Dispose()
    {
        following.Dispose();
        Monitor.Dispose();
    }
}
