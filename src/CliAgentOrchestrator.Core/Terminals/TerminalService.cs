using System.Collections.Concurrent;
using CliAgentOrchestrator.Core.Errors;
using CliAgentOrchestrator.Core.Configuration;
using CliAgentOrchestrator.Core.PluginHosting;
using CliAgentOrchestrator.Core.PluginHosting.PreHooks;
using CliAgentOrchestrator.Core.Profiles;
using CliAgentOrchestrator.Core.Providers;
using CliAgentOrchestrator.Core.Storage;
using CliAgentOrchestrator.Core.Telemetry;
using CliAgentOrchestrator.Core.Terminals.Input;
using CliAgentOrchestrator.Core.Terminals.Output;
using CliAgentOrchestrator.Core.Terminals.Status;
using CliAgentOrchestrator.Core.Tmux;

namespace CliAgentOrchestrator.Core.Terminals;

/// <summary>
/// Terminals: one agent CLI in one tmux window, with a row in SQLite and, while the server runs,
/// a provider, an output tail and a status monitor. Publishes the terminal and message events
/// only after the operation behind them succeeded.
/// </summary>
public sealed partial class TerminalService(
    TmuxClient tmux,
    TerminalInputSender input,
    TerminalOutputService output,
    ProviderCatalog providers,
    ProfileStore profiles,
    TerminalRepository terminals,
    CaoHome home,
    ICaoEventPublisher events,
    PreHookChain preHooks,
    ICallerNotifier callers,
    MessageOptions messages,
    AgentConnection connection,
    ILogger<TerminalService> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TerminalRuntime> _runtimes = new(StringComparer.Ordinal);

    // Environment variables given at session creation, reused for the session's later windows.
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _sessionEnvironment = new(StringComparer.Ordinal);

    /// <summary>Raised when a terminal's status changes (the inbox delivers on ready edges).</summary>
    public event EventHandler<TerminalStatusChangedEventArgs>? StatusChanged;

    public TerminalRecord Require(string terminalId) =>
        terminals.Get(TerminalNames.RequireTerminalId(terminalId))
        ?? throw new NotFoundException($"Terminal '{terminalId}' not found");

    /// <summary>The terminal with its live status (re-read from the screen while it is processing, as Python does).</summary>
    public async Task<LiveTerminal> GetAsync(string terminalId, CancellationToken cancellationToken)
    {
        var record = Require(terminalId);
        var status = await RefreshStatusAsync(record.Id, cancellationToken);
        return new LiveTerminal(record, status, FaultOf(record.Id));
    }

    /// <summary>The latched status; unknown for a terminal that is not tracked.</summary>
    public TerminalStatus StatusOf(string terminalId) =>
        _faults.ContainsKey(terminalId) ? TerminalStatus.Error
        : _runtimes.TryGetValue(terminalId, out var runtime) ? runtime.Monitor.Status : TerminalStatus.Unknown;

    /// <summary>Like <see cref="StatusOf"/>, but re-reads the screen of a processing terminal so pollers see it finish.</summary>
    public async Task<TerminalStatus> RefreshStatusAsync(string terminalId, CancellationToken cancellationToken)
    {
        if (_faults.ContainsKey(terminalId))
            return TerminalStatus.Error;
        if (!_runtimes.TryGetValue(terminalId, out var runtime))
            return TerminalStatus.Unknown;
        try
        {
            return await runtime.Monitor.GetStatusAsync(cancellationToken);
        }
        catch (TmuxCommandException)
        {
            // The window went away since the watchdog last looked: look now, so the caller gets the verdict.
            await CheckLivenessAsync(cancellationToken);
            return StatusOf(terminalId);
        }
    }

    public IReadOnlyList<TerminalRecord> ListBySession(string sessionName) => terminals.ListBySession(sessionName);

    /// <summary>Drops what the service remembers of a session that was killed.</summary>
    public void ForgetSession(string sessionName) => _sessionEnvironment.TryRemove(sessionName, out _);

    public async Task<string> GetWorkingDirectoryAsync(string terminalId, CancellationToken cancellationToken)
    {
        var record = Require(terminalId);
        try
        {
            return await tmux.GetPaneCurrentPathAsync(new TmuxTarget(record.SessionName, record.WindowName), cancellationToken);
        }
        catch (TmuxCommandException)
        {
            return record.WorkingDirectory ?? throw new NotFoundException($"Terminal '{terminalId}' has no live window");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        foreach (var runtime in _runtimes.Values)
            runtime.Dispose();
        _runtimes.Clear();
        await output.DisposeAsync();
    }

    /// <param name="allowExitedCli">True for reads (output) that still make sense when only the CLI exited and its window is left.</param>
    private TerminalRuntime RuntimeOf(TerminalRecord record, bool allowExitedCli = false)
    {
        if (_faults.TryGetValue(record.Id, out var fault) && (fault.WindowGone || !allowExitedCli))
            throw OutOfService(record.Id, fault.Reason);
        return _runtimes.TryGetValue(record.Id, out var runtime)
            ? runtime
            : throw new ConflictException($"Terminal '{record.Id}' is not tracked by this server (its window is gone); delete it");
    }

    /// <param name="panePid">The window's shell PID when it was just opened (tmux printed it); else tmux is asked on the first input.</param>
    private async Task<TerminalRuntime> TrackAsync(TerminalRecord record, IProvider provider, bool resumeFromEnd, int? panePid, CancellationToken cancellationToken)
    {
        var target = new TmuxTarget(record.SessionName, record.WindowName);
        // A new window was opened with its pipe (OpenWindowAsync); a window that outlived a restart may have lost it.
        var tail = await output.AttachAsync(record.Id, target, home.TerminalLogFile(record.Id), resumeFromEnd, pipeStarted: !resumeFromEnd, cancellationToken);
        var cadence = new StatusMonitorOptions { CompletedSettle = provider.CompletedSettle, Quiescence = provider.OutputQuiescence };
        var monitor = StatusMonitor.ForWindow(record.Id, tmux, target, provider.GetStatus, cadence, logger);
        if (!resumeFromEnd)
            monitor.Hold(); // the provider's start-up reads the screen on every output; InitializeAsync releases it
        var runtime = new TerminalRuntime(record, provider, tail, monitor, monitor.Follow(tail)) { LastOperation = CaoTelemetry.CurrentContext(), PanePid = panePid };
        monitor.StatusChanged += (_, change) => OnMonitorStatusChanged(runtime, change);
        _runtimes[record.Id] = runtime;
        return runtime;
    }

    private async Task UntrackAsync(string terminalId, TmuxTarget? target)
    {
        if (_runtimes.TryRemove(terminalId, out var runtime))
            runtime.Dispose();
        await output.DetachAsync(terminalId, target);
    }

    // The model override only shapes the launch command, so a reattached terminal (already launched) needs none.
    private IProvider CreateProvider(TerminalRecord record, AgentProfile? profile, string? model = null, IReadOnlyDictionary<string, string>? operatorVariables = null) =>
        providers.Create(record.Provider, new ProviderContext(
            record.Id, record.SessionName, record.WindowName, profile, record.AllowedTools, home.Root, model, record.AgentProfile)
        {
            ConnectionVariables = connection.Variables,
            CaoMcpUrl = connection.McpUrlFor(record.Id),
            OperatorVariables = operatorVariables,
        });
}
